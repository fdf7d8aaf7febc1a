import { CUSTOMER_STREAM_CATEGORY, customerLifecycleEventOf } from '@cabinet/contracts';
import type { RecordedEvent } from '../eventstore/index.ts';
import type { Logger } from '../logging/index.ts';
import type { Projection } from '../projections/index.ts';
import type { CustomerKeyVault } from './customerKeyVault.ts';

/** What a service's read models dropped of a customer's personal data, counted per kind for the log. */
export type ErasedReadModels = Readonly<Record<string, number>>;

/**
 * Crypto-shredding on revoked consent. Follows identity's customer streams, with its own checkpoint:
 * on each revocation destroys the customer's key, so every personal part of their events stays
 * unreadable for good, and lets the service's read models drop what they kept of it; on a later
 * acceptance lets the customer's own next action start a new generation of their key.
 */
export function consentRevocationReaction(
  vault: CustomerKeyVault,
  eraseReadModels: (customerId: string) => Promise<ErasedReadModels>,
  log: Logger,
): Projection {
  return {
    name: 'consent-revocations',
    categories: [CUSTOMER_STREAM_CATEGORY],
    async apply(recorded: RecordedEvent) {
      const event = customerLifecycleEventOf(recorded);
      if (event === null) return;
      const { customerId } = event.data;
      switch (event.type) {
        case 'CustomerConsentRevoked': {
          await vault.destroy(customerId, recorded.id);
          const erased = await eraseReadModels(customerId);
          log.info({ customerId, ...erased }, 'customer key destroyed after consent revocation');
          return;
        }
        case 'CustomerConsentGiven':
          await vault.consentGivenAgain(customerId, recorded.id);
          log.info({ customerId }, 'customer may get a new key after accepting the consent again');
          return;
        case 'CustomerPersonalDataErased':
          return;
        default: {
          const _exhaustive: never = event;
          return _exhaustive;
        }
      }
    },
    // A destroyed key cannot come back, and the vault skips consent events it already applied: nothing to drop.
    reset: () => Promise.resolve(),
  };
}
