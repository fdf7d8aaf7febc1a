import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCast, seededDay } from '../support/demoCast.ts';
import { graphql, type GraphQLResponse } from '../support/graphqlClient.ts';
import type { TestSystem } from '../support/testSystem.ts';

/**
 * Issue #12, items 8 and 13: a claim's contact e-mail took a list of addresses (each got the claim's
 * notices), and uploaded file names kept `../` and control characters.
 */
const { customer, policy } = demoCast();
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

const SUBMIT = /* GraphQL */ `
  mutation ($input: SubmitClaimInput!, $key: String!) {
    submitClaim(input: $input, idempotencyKey: $key) {
      id
    }
  }
`;
const REQUEST_UPLOAD = /* GraphQL */ `
  mutation ($name: String!, $size: Int!, $key: String!) {
    requestDocumentUpload(
      fileName: $name
      contentType: "application/pdf"
      size: $size
      idempotencyKey: $key
    ) {
      documentId
      uploadUrl
    }
  }
`;
const CLAIM_COUNT = '{ me { claims { totalCount } } }';

const codesOf = (response: GraphQLResponse) => response.errors?.map((error) => error.extensions?.['code']);

/** Runs on the system the suite file shares (oneSystem.security.test.ts). */
export function claimInputSuite(systemOf: () => TestSystem): void {
  describe('what a customer types into a claim is checked on the way in', () => {
    let system: TestSystem;
    let token: string;

    beforeAll(async () => {
      system = systemOf();
      token = await system.token({
        kind: 'customer',
        customerId: customer.id,
        sessionId: randomUUID(),
        trusted: true,
      });
    });

    const submit = (contact: Record<string, string>, documentIds: string[] = []) =>
      graphql<{ submitClaim: { id: string } }>(system.gatewayUrl, SUBMIT, {
        token,
        variables: {
          key: `claim-${randomUUID()}`,
          input: {
            policyId: policy.id,
            documentIds,
            incident: { occurredOn: seededDay(), kind: 'ДТП', place: 'Москва', description: 'Столкновение' },
            contact,
          },
        },
      });

    async function claimCount(): Promise<number> {
      const response = await graphql<{ me: { claims: { totalCount: number } } }>(
        system.gatewayUrl,
        CLAIM_COUNT,
        {
          token,
        },
      );
      expect(response.errors).toBeUndefined();
      return response.data!.me.claims.totalCount;
    }

    it('takes one contact e-mail address, never a list, and writes nothing when refused', async () => {
      const before = await claimCount();
      for (const email of [
        'ivanova@example.ru, boss@example.ru',
        'ivanova@example.ru;boss@example.ru',
        'ivanova@example.ru\r\nBcc: boss@example.ru',
        'Иванова <ivanova@example.ru>',
      ]) {
        const refused = await submit({ phone: '+7 916 765-43-21', email });
        expect(codesOf(refused), email).toEqual(['BAD_USER_INPUT']);
        // The EmailAddress scalar refuses it at the gateway, naming the client's variable.
        expect(refused.errors?.[0]?.extensions?.['argument']).toBe('$input.contact.email');
        expect(refused.errors?.[0]?.message).toBe(
          'Неверное значение «$input.contact.email»: Адрес электронной почты указан неверно: нужен один адрес вида имя@домен.ru.',
        );
      }
      expect(await claimCount()).toBe(before);

      const accepted = await submit({ email: ' ivanova@example.ru ' });
      expect(accepted.errors).toBeUndefined();
      expect(await claimCount()).toBe(before + 1);
    });

    it('keeps an uploaded file’s own name only: no folders, no control or direction characters', async () => {
      const upload = await graphql<{ requestDocumentUpload: { documentId: string; uploadUrl: string } }>(
        system.gatewayUrl,
        REQUEST_UPLOAD,
        {
          token,
          variables: {
            name: '../../etc/акт\u0000\u202e\r\n.pdf',
            size: PDF.length,
            key: `doc-${randomUUID()}`,
          },
        },
      );
      expect(upload.errors).toBeUndefined();
      const { documentId, uploadUrl } = upload.data!.requestDocumentUpload;
      expect((await fetch(uploadUrl, { method: 'PUT', body: PDF })).status).toBe(201);

      const submitted = await submit({ phone: '+7 916 765-43-21' }, [documentId]);
      expect(submitted.errors).toBeUndefined();
      const card = await graphql<{ claim: { documents: { fileName: string; downloadUrl: string }[] } }>(
        system.gatewayUrl,
        'query ($id: UUID!) { claim(id: $id) { documents { fileName downloadUrl } } }',
        { token, variables: { id: submitted.data!.submitClaim.id } },
      );
      expect(card.errors).toBeUndefined();
      const [document] = card.data!.claim.documents;
      expect(document?.fileName).toBe('акт .pdf');
      const download = await fetch(document!.downloadUrl);
      expect(download.status).toBe(200);
      const disposition = download.headers.get('content-disposition') ?? '';
      expect(disposition).not.toMatch(/\.\.|%2F|%00|%E2%80%AE/i);

      const nothingLeft = await graphql(system.gatewayUrl, REQUEST_UPLOAD, {
        token,
        variables: { name: '../\u0000', size: PDF.length, key: `doc-${randomUUID()}` },
      });
      expect(codesOf(nothingLeft)).toEqual(['BAD_USER_INPUT']);
      expect(nothingLeft.errors?.[0]?.extensions?.['field']).toBe('fileName');
    });
  });
}
