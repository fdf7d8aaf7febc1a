import { DomainError } from '@cabinet/kernel';

/** A quote holds its price for 24 hours; after that the customer asks for a new one. */
export const QUOTE_VALIDITY_MS = 24 * 60 * 60 * 1000;

export interface QuoteValidity {
  readonly id: string;
  readonly policyId: string;
  /** The policy revision the quote priced; a policy changed since then makes the quote outdated. */
  readonly policyRevision: number;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export function quoteValidity(
  policyId: string,
  policyRevision: number,
  context: { now: () => Date; newId: () => string },
): QuoteValidity {
  const now = context.now();
  return {
    id: context.newId(),
    policyId,
    policyRevision,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + QUOTE_VALIDITY_MS).toISOString(),
  };
}

/**
 * Checked before a payment starts. A payment that settles later (after a provider timeout) still
 * completes the quote it paid for, so applying a quote does not check expiry again.
 */
export function assertQuoteOpen(quote: QuoteValidity, now: Date): void {
  if (now.getTime() >= Date.parse(quote.expiresAt)) {
    throw new DomainError(
      'QUOTE_EXPIRED',
      'Расчёт устарел: он действует 24 часа. Рассчитайте стоимость заново.',
      {
        quoteId: quote.id,
        expiredAt: quote.expiresAt,
      },
    );
  }
}

export function assertQuoteMatches(quote: QuoteValidity, policy: { id: string; revision: number }): void {
  if (quote.policyId !== policy.id) throw new RangeError(`quote ${quote.id} is not for policy ${policy.id}`);
  if (quote.policyRevision !== policy.revision) {
    throw new DomainError('QUOTE_OUTDATED', 'Полис изменился после расчёта. Рассчитайте стоимость заново.', {
      quoteId: quote.id,
    });
  }
}
