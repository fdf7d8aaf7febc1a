import {
  devBehaviourOfToken,
  devCardBehaviour,
  devCardToken,
  devChargeAnswer,
  devLookup,
  type ProviderAnswer,
  type ProviderLookup,
} from './domain/index.ts';
import type { PaymentProvider, ProviderOperation } from './application/paymentProvider.ts';

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
