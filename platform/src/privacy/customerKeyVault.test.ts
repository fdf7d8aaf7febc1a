import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDomainError } from '@cabinet/kernel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDocumentStore, type DocumentStore } from '../documents/index.ts';
import { CustomerKeyVault } from './customerKeyVault.ts';

const customerId = '3f2b8c1e-7d4a-4b6e-9a1c-5e8f0d2b7c4a';
const now = () => new Date('2026-04-20T09:00:00Z');

let directory: string;
let documents: DocumentStore;
let vault: CustomerKeyVault;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'customer-key-vault-'));
  documents = await openDocumentStore({
    database: 'privacy',
    sqliteFile: join(directory, 'documents.sqlite'),
  });
  vault = await CustomerKeyVault.open(documents, now);
});

afterEach(async () => {
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
});
