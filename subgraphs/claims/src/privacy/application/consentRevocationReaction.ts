import { CUSTOMER_STREAM_CATEGORY, customerLifecycleEventOf } from '@cabinet/contracts';
import type { RecordedEvent } from '@cabinet/platform/eventstore';
import type { Logger } from '@cabinet/platform/logging';
import type { Projection } from '@cabinet/platform/projections';
import type { ClaimCardRepository } from '../../claim/storage/claimCardRepository.ts';
import type { DocumentService } from '../../documents/application/documentService.ts';
import type { CustomerKeyVault } from './customerKeyVault.ts';

/**
 * Crypto-shredding on revoked consent: the customer's key is destroyed, so every personal part of
 * their claim events stays unreadable for good, and the read models drop what they kept of it.
 */
export async function shredCustomerPersonalData(
  customerId: string,
  revocationEventId: string,
  stores: { vault: CustomerKeyVault; cards: ClaimCardRepository; documents: DocumentService },
): Promise<{ cards: number; documents: number }> {
  await stores.vault.destroy(customerId, revocationEventId);
  return {
    cards: await stores.cards.erasePersonalDataOf(customerId),
    documents: await stores.documents.eraseNamesOf(customerId),
  };
}

/**
 * Follows identity's customer streams, with its own checkpoint: shreds on each revocation, and on a
 * later acceptance lets the customer's own next action start a new generation of their key.
 */
export function consentRevocationReaction(
  stores: { vault: CustomerKeyVault; cards: ClaimCardRepository; documents: DocumentService },
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
          const erased = await shredCustomerPersonalData(customerId, recorded.id, stores);
          log.info({ customerId, ...erased }, 'customer key destroyed after consent revocation');
          return;
        }
        case 'CustomerConsentGiven':
          await stores.vault.consentGivenAgain(customerId, recorded.id);
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
