import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDomainError } from '@cabinet/kernel';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClaimCommandHandler } from '../claim/application/claimCommandHandler.ts';
import { withoutActivity } from '../claim/application/claimActivity.ts';
import { claimStreamId } from '../claim/domain/claimStreamId.ts';
import { isSealedPersonalData, type SealedPersonalData } from '../claim/domain/personalDataForm.ts';
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

describe('key generations after a re-consent', () => {
  const REVOKED = 'revocation-1';
  const GIVEN_AGAIN = 'consent-given-1';

  it('gives the customer a new generation only once identity reported the consent given again', async () => {
    // Given a customer whose first key sealed a value and was then destroyed on revocation
    const before = await vault.seal(customerId, { phone: '+79161234567' });
    expect(before.keyId).toBe(customerId);
    await vault.destroy(customerId, REVOKED);
    const own = vault.forCustomerWithConsent();

    // When they act themselves with a token that still says consent, before identity reported it given again
    // Then nothing is sealed, and they are told why in words meant for them
    const early = await refusal(own.seal(customerId, { phone: '+79160000000' }));
    expect(early.code).toBe('PERSONAL_DATA_ERASED');
    expect(early.message).toMatch(/^Вы отозвали согласие/);

    // When identity reports the consent given again
    await vault.consentGivenAgain(customerId, GIVEN_AGAIN);
    // Then staff still may not record personal data about them
    expect((await refusal(vault.seal(customerId, { text: 'Комментарий' }))).code).toBe(
      'PERSONAL_DATA_ERASED',
    );
    // But their own action starts the second generation, which opens
    const after = await own.seal(customerId, { phone: '+79160000000' });
    expect(after.keyId).toBe(`${customerId}#2`);
    expect(await vault.open(after)).toEqual({ phone: '+79160000000' });
    // And from then on anyone seals with it, while the first generation stays shredded
    expect((await vault.seal(customerId, { text: 'Комментарий' })).keyId).toBe(`${customerId}#2`);
    expect(await vault.open(before)).toBeNull();
  });

  it('destroys every generation on a new revocation, and a redelivered consent event changes nothing', async () => {
    await vault.destroy(customerId, REVOKED);
    await vault.consentGivenAgain(customerId, GIVEN_AGAIN);
    const second = await vault.forCustomerWithConsent().seal(customerId, { phone: '+79160000000' });

    // A crash made the reaction deliver the first revocation and acceptance again
    await vault.destroy(customerId, REVOKED);
    await vault.consentGivenAgain(customerId, GIVEN_AGAIN);
    expect(await vault.open(second)).toEqual({ phone: '+79160000000' });

    await vault.destroy(customerId, 'revocation-2');
    expect(await vault.open(second)).toBeNull();
    // The first acceptance delivered again does not allow a third generation
    await vault.consentGivenAgain(customerId, GIVEN_AGAIN);
    expect(
      (await refusal(vault.forCustomerWithConsent().seal(customerId, { phone: '+79160000000' }))).code,
    ).toBe('PERSONAL_DATA_ERASED');
  });

  it('keeps opening values sealed with a key stored before generations existed', async () => {
    // Given a key document as the vault wrote them before, and a value sealed with it
    const legacy = await vault.seal(customerId, { phone: '+79161234567' });
    const keys = await documents.collection<{
      key: string | null;
      createdAt: string;
      destroyedAt: string | null;
    }>({ name: 'customer_keys', indexes: [] });
    expect(Object.keys((await keys.get(customerId))!.data).sort()).toEqual([
      'createdAt',
      'destroyedAt',
      'key',
    ]);

    // When the vault is opened again / Then the value opens and new values use the same key
    const reopened = await CustomerKeyVault.open(documents, now);
    expect(await reopened.open(legacy)).toEqual({ phone: '+79161234567' });
    expect((await reopened.seal(customerId, { phone: '+79161234567' })).keyId).toBe(customerId);
  });

  it('refuses a later-generation value relabelled with another customer’s key id', async () => {
    await vault.seal('customer-2', { phone: '+79160000001' });
    await vault.destroy(customerId, REVOKED);
    await vault.consentGivenAgain(customerId, GIVEN_AGAIN);
    const second = await vault.forCustomerWithConsent().seal(customerId, { phone: '+79160000000' });

    await expect(vault.open({ ...second, keyId: 'customer-2' })).rejects.toThrow();
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
