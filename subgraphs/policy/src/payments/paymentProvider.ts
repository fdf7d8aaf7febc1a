import type { Money } from '@cabinet/kernel';
import type { ProviderAnswer, ProviderLookup } from './domain/index.ts';

/** One operation at the provider: a charge (amount > 0) or a refund (amount < 0) on a tokenised card. */
export interface ProviderOperation {
  /** Our payment id; the provider keeps it as the operation's reference, so lookups find it. */
  readonly paymentId: string;
  readonly cardToken: string;
  readonly amount: Money;
}

/**
 * The payment provider port. Card numbers go to the provider once, at tokenisation; afterwards only
 * its token is used. A charge that throws or times out is NO_ANSWER: its outcome is unknown until a
 * lookup settles it.
 */
export interface PaymentProvider {
  tokenizeCard(cardDigits: string): Promise<string>;
  charge(operation: ProviderOperation): Promise<ProviderAnswer>;
  lookup(operation: ProviderOperation): Promise<ProviderLookup>;
}
