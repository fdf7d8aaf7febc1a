import type { Collection, DocumentStore } from '@cabinet/platform/documents';
import type { CoverageChangeQuote, RenewalQuote } from '../policy/domain/index.ts';

/** A quote as stored: the domain quote and the customer it was made for. */
export type StoredQuote = (RenewalQuote | CoverageChangeQuote) & { readonly customerId: string };

const QUOTES = {
  name: 'quotes',
  indexes: [{ fields: ['policyId'] }, { fields: ['expiresAt'] }],
} as const;

/** Quotes live 24 hours (see quote.ts); an expired one stays readable so a late payment can settle it. */
export class QuoteRepository {
  private constructor(private readonly quotes: Collection<StoredQuote>) {}

  static async open(store: DocumentStore): Promise<QuoteRepository> {
    return new QuoteRepository(await store.collection<StoredQuote>(QUOTES));
  }

  async insert(quote: StoredQuote): Promise<void> {
    await this.quotes.insert(quote.id, quote);
  }

  async get(id: string): Promise<StoredQuote | null> {
    return (await this.quotes.get(id))?.data ?? null;
  }
}
