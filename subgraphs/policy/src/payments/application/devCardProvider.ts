import type { CardBrand, ProviderAnswer, ProviderLookup } from '../domain/index.ts';
import type { PaymentProvider, ProviderOperation } from './paymentProvider.ts';

/**
 * The embedded profile's provider: it tokenises any valid card and answers by the test card's
 * behaviour (DEV_TEST_CARDS), so every payment path can be walked without a bank. It keeps no
 * state: the token carries the behaviour, the reference is derived from our payment id.
 */
export function createDevCardProvider(newId: () => string): PaymentProvider {
  const reference = (operation: ProviderOperation) => `dev-${operation.paymentId}`;
  const isRefund = (operation: ProviderOperation) => operation.amount.minorUnits < 0;
  return {
    tokenizeCard(cardDigits: string): Promise<string> {
      return Promise.resolve(devCardToken(devCardBehaviour(cardDigits), newId()));
    },
    charge(operation: ProviderOperation): Promise<ProviderAnswer> {
      const behaviour = devBehaviourOfToken(operation.cardToken);
      return Promise.resolve(devChargeAnswer(behaviour, isRefund(operation), reference(operation)));
    },
    lookup(operation: ProviderOperation): Promise<ProviderLookup> {
      const behaviour = devBehaviourOfToken(operation.cardToken);
      return Promise.resolve(devLookup(behaviour, isRefund(operation), reference(operation)));
    },
  };
}

/**
 * The dev card provider's behaviour: each test card number (all pass Luhn) always
 * gets the same outcome, so tests and demos can walk every path. Any other valid card is approved.
 * Refunds are always approved.
 *
 * A timeout comes in two kinds, because reconciliation must handle both: the provider took the
 * money but the answer was lost (settles SUCCEEDED), or the request never reached it (settles
 * DECLINED as PROVIDER_UNAVAILABLE: nothing was charged).
 */
export const DEV_CARD_BEHAVIOURS = [
  'APPROVE',
  'INSUFFICIENT_FUNDS',
  'DECLINE_BY_BANK',
  'TIMEOUT_THEN_APPROVED',
  'TIMEOUT_NOT_RECEIVED',
] as const;
export type DevCardBehaviour = (typeof DEV_CARD_BEHAVIOURS)[number];

export interface DevTestCard {
  readonly number: string;
  readonly brand: CardBrand;
  readonly behaviour: DevCardBehaviour;
}

export const DEV_TEST_CARDS: readonly DevTestCard[] = [
  { number: '2200000000000004', brand: 'MIR', behaviour: 'APPROVE' },
  { number: '2200000000000012', brand: 'MIR', behaviour: 'INSUFFICIENT_FUNDS' },
  { number: '2200000000000020', brand: 'MIR', behaviour: 'DECLINE_BY_BANK' },
  { number: '2200000000000038', brand: 'MIR', behaviour: 'TIMEOUT_THEN_APPROVED' },
  { number: '2200000000000046', brand: 'MIR', behaviour: 'TIMEOUT_NOT_RECEIVED' },
  { number: '4111111111111111', brand: 'VISA', behaviour: 'APPROVE' },
  { number: '5555555555554444', brand: 'MASTERCARD', behaviour: 'APPROVE' },
];

export function devCardBehaviour(cardDigits: string): DevCardBehaviour {
  return DEV_TEST_CARDS.find((card) => card.number === cardDigits)?.behaviour ?? 'APPROVE';
}

/**
 * The dev provider's card token carries the behaviour, so the provider stays stateless across
 * restarts: "dev-card:<behaviour>:<unique id>".
 */
export function devCardToken(behaviour: DevCardBehaviour, uniqueId: string): string {
  return `dev-card:${behaviour}:${uniqueId}`;
}

export function devBehaviourOfToken(token: string): DevCardBehaviour {
  const behaviour = token.split(':')[1];
  const known = DEV_CARD_BEHAVIOURS.find((b) => b === behaviour);
  if (!token.startsWith('dev-card:') || !known) throw new RangeError(`not a dev card token: ${token}`);
  return known;
}

/** The immediate answer to a charge (amount > 0) or a refund (amount < 0). */
export function devChargeAnswer(
  behaviour: DevCardBehaviour,
  isRefund: boolean,
  reference: string,
): ProviderAnswer {
  if (isRefund) return { kind: 'APPROVED', reference };
  switch (behaviour) {
    case 'APPROVE':
      return { kind: 'APPROVED', reference };
    case 'INSUFFICIENT_FUNDS':
      return { kind: 'DECLINED', reason: 'INSUFFICIENT_FUNDS' };
    case 'DECLINE_BY_BANK':
      return { kind: 'DECLINED', reason: 'DECLINED_BY_BANK' };
    case 'TIMEOUT_THEN_APPROVED':
    case 'TIMEOUT_NOT_RECEIVED':
      return { kind: 'NO_ANSWER' };
    default: {
      const _exhaustive: never = behaviour;
      return _exhaustive;
    }
  }
}

/** What reconciliation finds later for a payment the provider did not answer. */
export function devLookup(behaviour: DevCardBehaviour, isRefund: boolean, reference: string): ProviderLookup {
  if (behaviour === 'TIMEOUT_NOT_RECEIVED' && !isRefund) return { kind: 'NOT_RECEIVED' };
  const answer = devChargeAnswer(
    behaviour === 'TIMEOUT_THEN_APPROVED' ? 'APPROVE' : behaviour,
    isRefund,
    reference,
  );
  return answer.kind === 'NO_ANSWER' ? { kind: 'IN_PROGRESS' } : answer;
}
