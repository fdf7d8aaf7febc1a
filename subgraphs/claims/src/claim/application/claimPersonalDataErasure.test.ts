import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDomainError } from '@cabinet/kernel';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import { CustomerKeyVault } from '@cabinet/platform/privacy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimStreamId } from '../domain/claimStreamId.ts';
import { isSealedPersonalData, type SealedPersonalData } from '../domain/personalDataForm.ts';
import {
  CLAIM_ID,
  command,
  CUSTOMER,
  RULES,
  submitClaim,
  SUPERVISOR,
} from '../domain/testing/claimFixtures.ts';
import { withoutActivity } from './claimActivity.ts';
import { ClaimCommandHandler } from './claimCommandHandler.ts';

const customerId = CUSTOMER.kind === 'customer' ? CUSTOMER.customerId : '';
const now = () => new Date('2026-04-20T09:00:00Z');
const REVOKED = 'revocation-1';
const GIVEN_AGAIN = 'consent-given-1';

let directory: string;
let events: EventStore;
let documents: DocumentStore;
let vault: CustomerKeyVault;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'claims-key-vault-'));
  events = await openEventStore({ sqliteFile: join(directory, 'events.sqlite') });
  documents = await openDocumentStore({
    database: 'claims',
    sqliteFile: join(directory, 'documents.sqlite'),
  });
  vault = await CustomerKeyVault.open(documents, now);
});

afterEach(async () => {
  await events.close();
  await documents.close();
  await rm(directory, { recursive: true, force: true });
});

async function refusal(action: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await action.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe('claim commands of a customer whose key was destroyed', () => {
  it('refuses a command carrying personal data on a claim of such a customer and records nothing, while commands without personal data still pass', async () => {
    // Given a claim whose customer then revoked consent
    const handler = new ClaimCommandHandler(events, vault, RULES, withoutActivity);
    await handler.execute(CLAIM_ID, submitClaim(), { correlationId: 'submit' });
    await vault.destroy(customerId);

    // When staff write a comment (personal data of the claim)
    const refused = await refusal(
      handler.execute(
        CLAIM_ID,
        command(
          'CommentOnClaim',
          { commentId: '6f1d2c3b-4a59-4e68-8b7a-9c0d1e2f3a4b', text: 'Ждём справку' },
          SUPERVISOR,
        ),
        { correlationId: 'comment' },
      ),
    );

    // Then it is refused with the stable code and the stream holds only the submission
    expect(refused.code).toBe('PERSONAL_DATA_ERASED');
    expect((await events.read(claimStreamId(CLAIM_ID))).map((event) => event.type)).toEqual([
      'ClaimSubmitted',
    ]);

    // And the claim still moves on without new personal data
    const accepted = await handler.execute(CLAIM_ID, command('AcceptClaim', {}, SUPERVISOR), {
      correlationId: 'accept',
    });
    expect(accepted.appended.map((event) => event.type)).toEqual(['ClaimAccepted']);
  });

  it('lets a customer who came back file a claim while staff still may not comment on their old one', async () => {
    // Given a claim whose customer revoked consent and then accepted it again
    const handler = new ClaimCommandHandler(events, vault, RULES, withoutActivity);
    await handler.execute(CLAIM_ID, submitClaim(), { correlationId: 'submit' });
    await vault.destroy(customerId, REVOKED);
    await vault.consentGivenAgain(customerId, GIVEN_AGAIN);
    const comment = command(
      'CommentOnClaim',
      { commentId: '6f1d2c3b-4a59-4e68-8b7a-9c0d1e2f3a4b', text: 'Ждём справку' },
      SUPERVISOR,
    );

    // When staff comment before the customer acted / Then it is refused
    expect((await refusal(handler.execute(CLAIM_ID, comment, { correlationId: 'comment' }))).code).toBe(
      'PERSONAL_DATA_ERASED',
    );

    // When the customer files a new claim themselves
    const newClaimId = '7a9e2b41-3c5d-4f6e-8a7b-9c0d1e2f3a4b';
    const filed = await handler.execute(
      newClaimId,
      submitClaim({ claimId: newClaimId, claimNumber: 'У-2026-000124' }),
      { correlationId: 'submit-again' },
    );

    // Then its contact is sealed with the second generation and readable
    const [submittedAgain] = await events.read(claimStreamId(newClaimId));
    const personal = (submittedAgain?.data as { personal: SealedPersonalData }).personal;
    expect(filed.appended.map((event) => event.type)).toEqual(['ClaimSubmitted']);
    expect(isSealedPersonalData(personal) && personal.keyId).toBe(`${customerId}#2`);
    expect(await vault.open(personal)).toMatchObject({ contactPhone: '+79001234567' });
    // And the old claim's personal data stays shredded
    const [first] = await events.read(claimStreamId(CLAIM_ID));
    expect(await vault.open((first?.data as { personal: SealedPersonalData }).personal)).toBeNull();
  });
});
