import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedPersonalData } from '@cabinet/kernel';
import {
  DuplicateKey,
  VersionConflict,
  type Collection,
  type DocumentStore,
  type StoredDocument,
} from '@cabinet/platform/documents';
import { customerKeyId } from './customerKeyId.ts';
import { PrivacyErrors } from './privacyErrors.ts';

/** One generation of a customer's key, stored under its key id. */
interface CustomerKey {
  /** AES-256-GCM key, base64; null once destroyed (the customer revoked consent). */
  readonly key: string | null;
  readonly createdAt: string;
  readonly destroyedAt: string | null;
}

/** Which generation of a customer's key is current; absent until the first one was destroyed. */
interface KeyGenerations {
  /** New personal data is sealed with this generation; the earlier ones are destroyed. */
  readonly current: number;
  /**
   * Identity's consent events already applied: one delivered again must neither destroy a
   * generation made after it nor allow a new one after a later revocation.
   */
  readonly appliedEvents: readonly string[];
  /**
   * Identity reported the consent accepted again after the last revocation: the customer's own
   * action may start a new generation. An access token issued before the revocation still says
   * consent for a few minutes, so the token alone is not enough.
   */
  readonly consentGivenAgain: boolean;
}

const CUSTOMER_KEYS = { name: 'customer_keys', indexes: [] } as const;
const KEY_GENERATIONS = { name: 'customer_key_generations', indexes: [] } as const;
const FIRST_GENERATION: KeyGenerations = { current: 1, appliedEvents: [], consentGivenAgain: false };
const IV_BYTES = 12;

const applied = (generations: KeyGenerations, eventId: string | undefined) =>
  eventId === undefined ? generations.appliedEvents : [...generations.appliedEvents, eventId];
const TAG_BYTES = 16;

/**
 * Per-customer encryption keys for the personal data inside a service's events (crypto-shredding): the
 * keys live here, outside the event log, so destroying one makes that customer's personal data in the
 * log unreadable without rewriting a single event. A customer who revoked consent and later accepted
 * it again gets a new generation of key for what they submit from then on; the destroyed generations
 * stay destroyed.
 */
export class CustomerKeyVault {
  private constructor(
    private readonly keys: Collection<CustomerKey>,
    private readonly generations: Collection<KeyGenerations>,
    private readonly now: () => Date,
    private readonly renewsDestroyedKey: boolean,
  ) {}

  static async open(store: DocumentStore, now: () => Date): Promise<CustomerKeyVault> {
    const [keys, generations] = await Promise.all([
      store.collection<CustomerKey>(CUSTOMER_KEYS),
      store.collection<KeyGenerations>(KEY_GENERATIONS),
    ]);
    return new CustomerKeyVault(keys, generations, now, false);
  }

  /**
   * The vault for sealing what customers submit themselves under the consent in force: when their
   * current key was destroyed by an earlier revocation and they have given the consent again since
   * (`consentGivenAgain`), a new generation replaces it instead of the refusal. Staff acting on a
   * customer's claim or conversation never use it, so nothing new is recorded about someone who withdrew consent
   * until they come back themselves.
   */
  forCustomerWithConsent(): CustomerKeyVault {
    return new CustomerKeyVault(this.keys, this.generations, this.now, true);
  }

  /** Encrypts with the customer's current key (created on first use); PERSONAL_DATA_ERASED once it was destroyed. */
  async seal(customerId: string, plain: object): Promise<SealedPersonalData> {
    const { keyId, key } = await this.currentKey(customerId);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The key id names the customer and the generation: a sealed value moved to another customer
    // or relabelled with another generation will not open.
    cipher.setAAD(Buffer.from(keyId));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
    return { sealed: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64'), keyId };
  }

  /** The plain value, or null when the key generation it was sealed with has been destroyed. */
  async open<Plain>(sealed: SealedPersonalData): Promise<Plain | null> {
    const stored = (await this.keys.get(sealed.keyId))?.data;
    if (!stored?.key) return null;
    const bytes = Buffer.from(sealed.sealed, 'base64');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      Buffer.from(stored.key, 'base64'),
      bytes.subarray(0, IV_BYTES),
    );
    decipher.setAAD(Buffer.from(sealed.keyId));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Plain;
  }

  /**
   * Erases the customer's personal data in the log for good: every generation of their key.
   * Idempotent; given the revocation event's id, that event delivered again changes nothing.
   */
  async destroy(customerId: string, revocationEventId?: string): Promise<void> {
    for (;;) {
      const stored = await this.generations.get(customerId);
      const generations = stored?.data ?? FIRST_GENERATION;
      if (revocationEventId !== undefined && generations.appliedEvents.includes(revocationEventId)) return;
      for (let generation = 1; generation <= generations.current; generation++) {
        await this.destroyKey(customerKeyId(customerId, generation));
      }
      // Written at the version read: a generation started meanwhile makes this loop destroy it too.
      const written = await this.write(customerId, stored, {
        current: generations.current,
        appliedEvents: applied(generations, revocationEventId),
        consentGivenAgain: false,
      });
      if (written) return;
    }
  }

  /** The customer accepted the consent again after revoking it: their own next action may get a new key. */
  async consentGivenAgain(customerId: string, consentEventId: string): Promise<void> {
    for (;;) {
      const stored = await this.generations.get(customerId);
      const generations = stored?.data ?? FIRST_GENERATION;
      if (generations.appliedEvents.includes(consentEventId)) return;
      const next = {
        ...generations,
        appliedEvents: applied(generations, consentEventId),
        consentGivenAgain: true,
      };
      if (await this.write(customerId, stored, next)) return;
    }
  }

  private async currentKey(customerId: string): Promise<{ keyId: string; key: Buffer }> {
    for (;;) {
      const stored = await this.generations.get(customerId);
      const generations = stored?.data ?? FIRST_GENERATION;
      const keyId = customerKeyId(customerId, generations.current);
      const key = await this.keys.get(keyId);
      if (key?.data.key) return { keyId, key: Buffer.from(key.data.key, 'base64') };
      if (key) {
        if (!this.renewsDestroyedKey) throw PrivacyErrors.personalDataErased();
        if (!generations.consentGivenAgain) throw PrivacyErrors.ownPersonalDataErased();
        await this.write(customerId, stored, { ...generations, current: generations.current + 1 });
        continue;
      }
      const created = randomBytes(32);
      try {
        await this.keys.insert(keyId, {
          key: created.toString('base64'),
          createdAt: this.now().toISOString(),
          destroyedAt: null,
        });
        return { keyId, key: created };
      } catch (error) {
        // Two requests created this generation at once: use the one that won.
        if (!(error instanceof DuplicateKey)) throw error;
      }
    }
  }

  /** Replaces the generations at the version read; false when someone else changed them first. */
  private async write(
    customerId: string,
    read: StoredDocument<KeyGenerations> | null,
    next: KeyGenerations,
  ): Promise<boolean> {
    try {
      if (read) await this.generations.replace(customerId, next, read.version);
      else await this.generations.insert(customerId, next);
      return true;
    } catch (error) {
      if (error instanceof VersionConflict || error instanceof DuplicateKey) return false;
      throw error;
    }
  }

  private async destroyKey(keyId: string): Promise<void> {
    for (;;) {
      const stored = await this.keys.get(keyId);
      if (stored?.data.key === null) return;
      const destroyed: CustomerKey = {
        key: null,
        createdAt: stored?.data.createdAt ?? this.now().toISOString(),
        destroyedAt: this.now().toISOString(),
      };
      try {
        if (stored) await this.keys.replace(keyId, destroyed, stored.version);
        else await this.keys.insert(keyId, destroyed);
        return;
      } catch (error) {
        if (!(error instanceof VersionConflict) && !(error instanceof DuplicateKey)) throw error;
      }
    }
  }
}
