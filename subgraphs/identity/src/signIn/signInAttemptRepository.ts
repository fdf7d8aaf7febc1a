import type { Collection, DocumentStore, StoredDocument } from '@cabinet/platform/documents';
import type { SignInAttempt } from './signInAttempt.ts';

const ATTEMPTS = { name: 'sign_in_attempts', indexes: [{ fields: ['expiresAt'] }] } as const;

export class SignInAttemptRepository {
  private constructor(private readonly attempts: Collection<SignInAttempt>) {}

  static async open(store: DocumentStore): Promise<SignInAttemptRepository> {
    return new SignInAttemptRepository(await store.collection<SignInAttempt>(ATTEMPTS));
  }

  get(id: string): Promise<StoredDocument<SignInAttempt> | null> {
    return this.attempts.get(id);
  }

  async insert(attempt: SignInAttempt): Promise<void> {
    await this.attempts.insert(attempt.id, attempt);
  }

  /** Consumes the attempt; throws VersionConflict when a concurrent completion consumed it first. */
  async markUsed(stored: StoredDocument<SignInAttempt>, at: Date): Promise<void> {
    await this.attempts.replace(stored.id, { ...stored.data, usedAt: at.toISOString() }, stored.version);
  }

  /** Expired attempts are of no use to anyone; removes up to `first` of them. */
  async deleteExpired(now: Date, first: number): Promise<number> {
    const page = await this.attempts.find({ where: { expiresAt: { lt: now.toISOString() } }, first });
    for (const item of page.items) await this.attempts.delete(item.id);
    return page.items.length;
  }
}
