import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCast, demoStaffMember, seededDay } from '../support/demoCast.ts';
import { graphql } from '../support/graphqlClient.ts';
import type { TestSystem } from '../support/testSystem.ts';

const { customer, policy, stranger } = demoCast();
const customerPrincipal = {
  kind: 'customer',
  customerId: customer.id,
  sessionId: randomUUID(),
  trusted: true,
} as const;
const supervisor = {
  kind: 'staff',
  staffId: randomUUID(),
  sessionId: randomUUID(),
  roles: ['supervisor'],
} as const;
const analyst = {
  kind: 'staff',
  staffId: randomUUID(),
  sessionId: randomUUID(),
  roles: ['analyst'],
} as const;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const DESCRIPTION = 'Столкновение на перекрёстке у дома 5';

const REQUEST_UPLOAD = /* GraphQL */ `
  mutation ($name: String!, $type: String!, $size: Int!, $key: String!) {
    requestDocumentUpload(fileName: $name, contentType: $type, size: $size, idempotencyKey: $key) {
      documentId
      uploadUrl
    }
  }
`;

/**
 * Runs first on the system oneSystem.claims.e2e.test.ts shares: it finds its claim's events on the first
 * page of the whole claim log.
 */
export function claimsDocumentsSuite(systemOf: () => TestSystem): void {
  describe('claims with documents through the gateway', () => {
    claimsWithDocuments(systemOf);
  });
}

function claimsWithDocuments(systemOf: () => TestSystem): void {
  let system: TestSystem;
  let customerToken: string;
  let staffToken: string;

  beforeAll(async () => {
    system = systemOf();
    customerToken = await system.token(customerPrincipal);
    staffToken = await system.token(supervisor);
  });

  async function requestUpload(name: string, size: number) {
    return graphql<{ requestDocumentUpload: { documentId: string; uploadUrl: string } }>(
      system.gatewayUrl,
      REQUEST_UPLOAD,
      {
        token: customerToken,
        variables: { name, type: 'application/pdf', size, key: `doc-${randomUUID()}` },
      },
    );
  }

  async function staff(mutation: string, variables: Record<string, unknown>) {
    const response = await graphql<Record<string, { status: string }>>(system.gatewayUrl, mutation, {
      token: staffToken,
      variables,
    });
    return response;
  }

  it('files a claim with an uploaded PDF, moves it through every status and shows the card to its customer only', async () => {
    const upload = await requestUpload('справка о ДТП.pdf', PDF.length);
    expect(upload.errors).toBeUndefined();
    const { documentId, uploadUrl } = upload.data!.requestDocumentUpload;
    // Files go through the gateway's origin only: the claims service's own port is internal.
    expect(uploadUrl).toMatch(new RegExp(`^${new URL(system.gatewayUrl).origin}/files/claims/documents/`));
    const put = await fetch(uploadUrl, { method: 'PUT', body: PDF });
    expect(put.status).toBe(201);
    expect(await put.json()).toMatchObject({
      documentId,
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
    });

    const submitted = await graphql<{ submitClaim: { id: string } }>(
      system.gatewayUrl,
      /* GraphQL */ `
        mutation ($input: SubmitClaimInput!, $key: String!) {
          submitClaim(input: $input, idempotencyKey: $key) {
            id
          }
        }
      `,
      {
        token: customerToken,
        variables: {
          key: `claim-${randomUUID()}`,
          input: {
            policyId: policy.id,
            documentIds: [documentId],
            incident: {
              occurredOn: seededDay(),
              kind: 'ДТП',
              place: 'Москва',
              description: DESCRIPTION,
            },
            contact: { phone: '+7 916 123-45-67' },
          },
        },
      },
    );
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitClaim.id;

    for (const [mutation, variables] of [
      [`mutation ($id: UUID!) { acceptClaim(id: $id) { status } }`, { id }],
      [
        `mutation ($id: UUID!, $a: UUID!) { assignClaim(id: $id, adjusterId: $a) { status } }`,
        { id, a: demoStaffMember('adjuster').id },
      ],
      [`mutation ($id: UUID!) { startClaimWork(id: $id) { status } }`, { id }],
      [
        `mutation ($id: UUID!) { requestClaimDocuments(id: $id, message: "Нужна схема ДТП") { status } }`,
        { id },
      ],
    ] as const) {
      const moved = await staff(mutation, variables);
      expect(moved.errors, mutation).toBeUndefined();
    }

    // The customer answers the document request with a second upload.
    const more = await requestUpload('схема ДТП.pdf', PDF.length);
    expect(
      (await fetch(more.data!.requestDocumentUpload.uploadUrl, { method: 'PUT', body: PDF })).status,
    ).toBe(201);
    const provided = await graphql(
      system.gatewayUrl,
      /* GraphQL */ `
        mutation ($id: UUID!, $docs: [UUID!]!, $key: String!) {
          provideClaimDocuments(id: $id, documentIds: $docs, idempotencyKey: $key) {
            status
          }
        }
      `,
      {
        token: customerToken,
        variables: {
          id,
          docs: [more.data!.requestDocumentUpload.documentId],
          key: `provide-${randomUUID()}`,
        },
      },
    );
    expect(provided.errors).toBeUndefined();

    for (const [mutation, variables] of [
      [`mutation ($id: UUID!) { approveClaim(id: $id, amount: "45000.00") { status } }`, { id }],
      [`mutation ($id: UUID!) { markClaimReadyForPayout(id: $id) { status } }`, { id }],
      [`mutation ($id: UUID!) { payOutClaim(id: $id, paymentReference: "PP-1") { status } }`, { id }],
    ] as const) {
      const moved = await staff(mutation, variables);
      expect(moved.errors, mutation).toBeUndefined();
    }

    // An illegal transition: a paid claim cannot be accepted again.
    const illegal = await staff(`mutation ($id: UUID!) { acceptClaim(id: $id) { status } }`, { id });
    expect(illegal.errors?.[0]?.extensions?.['code']).toBe('CLAIM_TRANSITION_NOT_ALLOWED');

    const card = await graphql<{
      claim: {
        status: string;
        resolution: string;
        timeline: {
          what: string;
          statusBefore: string | null;
          statusAfter: string;
          details: string | null;
        }[];
        documents: { fileName: string; contentType: string; downloadUrl: string }[];
      };
    }>(
      system.gatewayUrl,
      /* GraphQL */ `
        query ($id: UUID!) {
          claim(id: $id) {
            status
            resolution
            timeline {
              what
              statusBefore
              statusAfter
              details
            }
            documents {
              fileName
              contentType
              downloadUrl
            }
          }
        }
      `,
      { token: customerToken, variables: { id } },
    );
    expect(card.errors).toBeUndefined();
    expect(card.data?.claim).toMatchObject({ status: 'COMPLETED', resolution: 'PAID' });
    expect(card.data?.claim.timeline.map((entry) => entry.statusAfter)).toEqual([
      'SUBMITTED',
      'ACCEPTED',
      'ACCEPTED',
      'IN_PROGRESS',
      'DOCUMENTS_REQUESTED',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'READY_FOR_PAYOUT',
      'COMPLETED',
    ]);
    expect(card.data?.claim.timeline[0]?.details).toContain(DESCRIPTION);
    expect(card.data!.claim.documents).toHaveLength(2);
    const [document] = card.data!.claim.documents;
    expect(document).toMatchObject({ fileName: 'справка о ДТП.pdf', contentType: 'application/pdf' });
    expect(document!.downloadUrl).toMatch(
      new RegExp(`^${new URL(system.gatewayUrl).origin}/files/claims/documents/${documentId}/content\\?`),
    );
    const download = await fetch(document!.downloadUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-length')).toBe(String(PDF.length));
    expect(download.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('справка о ДТП.pdf')}`,
    );
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);
    // The same link straight at the service's port, without the gateway's proof, opens nothing.
    const direct = new URL(document!.downloadUrl);
    const claimsOrigin = new URL(system.services.claims.url).origin;
    const bypass = await fetch(
      `${claimsOrigin}${direct.pathname.replace('/files/claims/', '/files/')}${direct.search}`,
    );
    expect(bypass.status).toBe(403);
    expect(await bypass.json()).toMatchObject({ errors: [{ extensions: { code: 'INTERNAL_ONLY' } }] });

    const strangerToken = await system.token({ ...customerPrincipal, customerId: stranger.id });
    const hidden = await graphql(
      system.gatewayUrl,
      /* GraphQL */ `
        query ($id: UUID!) {
          claim(id: $id) {
            id
          }
        }
      `,
      {
        token: strangerToken,
        variables: { id },
      },
    );
    expect(hidden.errors?.[0]?.extensions?.['code']).toBe('CLAIM_NOT_FOUND');

    const log = await graphql<{
      claimEvents: { nodes: { claimId: string; type: string; data: Record<string, unknown> }[] };
    }>(
      system.gatewayUrl,
      /* GraphQL */ `
        {
          claimEvents(first: 100) {
            nodes {
              claimId
              type
              data
            }
          }
        }
      `,
      { token: await system.token(analyst) },
    );
    expect(log.errors).toBeUndefined();
    const ofClaim = log.data!.claimEvents.nodes.filter((event) => event.claimId === id);
    expect(ofClaim).toHaveLength(9);
    expect(JSON.stringify(ofClaim)).not.toContain('personal');
  });

  it('refuses a file that is not a PDF, JPEG, PNG or HEIC by its bytes, whatever its name', async () => {
    const bytes = Buffer.from('MZ\x90\x00 not a document at all');
    const upload = await requestUpload('скан.pdf', bytes.length);
    const put = await fetch(upload.data!.requestDocumentUpload.uploadUrl, { method: 'PUT', body: bytes });
    expect(put.status).toBe(415);
    expect(await put.json()).toMatchObject({ error: { code: 'DOCUMENT_TYPE_NOT_ALLOWED' } });
  });

  it('refuses an oversize upload when it is announced and when more bytes arrive than were signed for', async () => {
    const announced = await requestUpload('огромный.pdf', 20 * 1024 * 1024 + 1);
    expect(announced.errors?.[0]?.extensions?.['code']).toBe('DOCUMENT_TOO_LARGE');

    const upload = await requestUpload('маленький.pdf', 16);
    const put = await fetch(upload.data!.requestDocumentUpload.uploadUrl, {
      method: 'PUT',
      body: Buffer.concat([PDF, PDF]),
    });
    expect(put.status).toBe(413);
    expect(await put.json()).toMatchObject({ error: { code: 'DOCUMENT_TOO_LARGE' } });
  });
}
