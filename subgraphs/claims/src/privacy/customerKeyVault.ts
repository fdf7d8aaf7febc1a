import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DuplicateKey, VersionConflict, type Collection, type DocumentStore } from '@cabinet/platform';
import type { SealedPersonalData } from '../claim/domain/personalDataForm.ts';
import { PrivacyErrors } from './privacyErrors.ts';

interface CustomerKey {
  /** AES-256-GCM key, base64; null once destroyed (the customer revoked consent). */
  readonly key: string | null;
  readonly createdAt: string;
  readonly destroyedAt: string | null;
}

const CUSTOMER_KEYS = { name: 'customer_keys', indexes: [] } as const;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Per-customer encryption keys for the personal data inside claim events (crypto-shredding): the
 * keys live here, outside the event log, so destroying one makes that customer's personal data in the
 * log unreadable without rewriting a single event.
 */
export class CustomerKeyVault {
  private constructor(
    private readonly keys: Collection<CustomerKey>,
    private readonly now: () => Date,
  ) {}

  static async open(store: DocumentStore, now: () => Date): Promise<CustomerKeyVault> {
    return new CustomerKeyVault(await store.collection<CustomerKey>(CUSTOMER_KEYS), now);
  }

  /** Encrypts with the customer's key (created on first use); PERSONAL_DATA_ERASED once it was destroyed. */
  async seal(customerId: string, plain: object): Promise<SealedPersonalData> {
    const key = await this.activeKey(customerId);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The customer id is authenticated data: a sealed value moved to another customer will not open.
    cipher.setAAD(Buffer.from(customerId));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
    return {
      sealed: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64'),
      keyId: customerId,
    };
  }

  /** The plain value, or null when the customer's key has been destroyed. */
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

  /** Erases the customer's personal data in the log for good. Idempotent. */
  async destroy(customerId: string): Promise<void> {
    for (;;) {
      const stored = await this.keys.get(customerId);
      const destroyed = {
        key: null,
        createdAt: stored?.data.createdAt ?? this.now().toISOString(),
        destroyedAt: this.now().toISOString(),
      };
      if (!stored) {
        try {
          await this.keys.insert(customerId, destroyed);
          return;
        } catch (error) {
          if (error instanceof DuplicateKey) continue;
          throw error;
        }
      }
      if (stored.data.key === null) return;
      try {
        await this.keys.replace(customerId, destroyed, stored.version);
        return;
      } catch (error) {
        if (error instanceof VersionConflict) continue;
        throw error;
      }
    }
  }

  private async activeKey(customerId: string): Promise<Buffer> {
    const stored = await this.keys.get(customerId);
    if (stored?.data.key) return Buffer.from(stored.data.key, 'base64');
    if (stored) throw PrivacyErrors.personalDataErased();
    const key = randomBytes(32);
    try {
      await this.keys.insert(customerId, {
        key: key.toString('base64'),
        createdAt: this.now().toISOString(),
        destroyedAt: null,
      });
      return key;
    } catch (error) {
      // Two requests created the first key at once: use the one that won.
      if (error instanceof DuplicateKey) return this.activeKey(customerId);
      throw error;
    }
  }
}
