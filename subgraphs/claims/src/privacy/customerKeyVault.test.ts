import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  isDomainError,
  openDocumentStore,
  openEventStore,
  type DocumentStore,
  type EventStore,
} from '@cabinet/platform';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClaimCommandHandler } from '../claim/application/claimCommandHandler.ts';
import { withoutActivity } from '../claim/application/claimActivity.ts';
import { claimStreamId } from '../claim/domain/claimStreamId.ts';
import {
  CLAIM_ID,
  command,
  CUSTOMER,
  RULES,
  submitClaim,
  SUPERVISOR,
} from '../claim/domain/testing/claimFixtures.ts';
import { CustomerKeyVault } from './customerKeyVault.ts';

const customerId = CUSTOMER.kind === 'customer' ? CUSTOMER.customerId : '';
const now = () => new Date('2026-04-20T09:00:00Z');

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

describe('the customer key vault', () => {
  it('opens what it sealed for the same customer only while the key exists', async () => {
    const sealed = await vault.seal(customerId, { phone: '+79161234567' });
    expect(JSON.stringify(sealed)).not.toContain('79161234567');
    expect(await vault.open(sealed)).toEqual({ phone: '+79161234567' });

    await vault.destroy(customerId);
    expect(await vault.open(sealed)).toBeNull();
  });

  it('refuses to seal for a customer whose key was destroyed with PERSONAL_DATA_ERASED, in Russian', async () => {
    // Given a customer who revoked consent before anything of theirs was sealed
    await vault.destroy(customerId);
    // When personal data of theirs is sealed / Then
    const refused = await refusal(vault.seal(customerId, { text: 'Прикладываю фото' }));
    expect(refused.code).toBe('PERSONAL_DATA_ERASED');
    expect(refused.message).toMatch(/отозвал согласие/);
  });

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
});
