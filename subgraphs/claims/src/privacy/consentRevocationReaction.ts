import type { RecordedEvent } from '@cabinet/platform/eventstore';
import type { Logger } from '@cabinet/platform/logging';
import type { Projection } from '@cabinet/platform/projections';
import type { ClaimCardRepository } from '../claim/readModel/claimCardRepository.ts';
import type { DocumentService } from '../documents/documentService.ts';
import type { CustomerKeyVault } from './customerKeyVault.ts';

/** Identity's stream category for customers (`customer-<customerId>`) in the shared event store. */
export const CUSTOMER_STREAM_CATEGORY = 'customer';
export const CONSENT_REVOKED_EVENT = 'CustomerConsentRevoked';
/** Identity publishes it when a customer who revoked consent accepts it again before being erased. */
export const CONSENT_GIVEN_AGAIN_EVENT = 'CustomerConsentGiven';

interface CustomerEventData {
  readonly customerId: string;
}

function isCustomerEventData(data: unknown): data is CustomerEventData {
  return (
    typeof data === 'object' && data !== null && typeof (data as CustomerEventData).customerId === 'string'
  );
}

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
      if (!isCustomerEventData(recorded.data)) return;
      const { customerId } = recorded.data;
      if (recorded.type === CONSENT_REVOKED_EVENT) {
        const erased = await shredCustomerPersonalData(customerId, recorded.id, stores);
        log.info({ customerId, ...erased }, 'customer key destroyed after consent revocation');
      } else if (recorded.type === CONSENT_GIVEN_AGAIN_EVENT) {
        await stores.vault.consentGivenAgain(customerId, recorded.id);
        log.info({ customerId }, 'customer may get a new key after accepting the consent again');
      }
    },
    // A destroyed key cannot come back, and the vault skips consent events it already applied: nothing to drop.
    reset: () => Promise.resolve(),
  };
}
