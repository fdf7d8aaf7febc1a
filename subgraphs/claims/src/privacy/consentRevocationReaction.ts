import type { Logger, Projection, RecordedEvent } from '@cabinet/platform';
import type { ClaimCardRepository } from '../claim/readModel/claimCardRepository.ts';
import type { DocumentService } from '../documents/documentService.ts';
import type { CustomerKeyVault } from './customerKeyVault.ts';

/** Identity's stream category for customers (`customer-<customerId>`) in the shared event store. */
export const CUSTOMER_STREAM_CATEGORY = 'customer';
export const CONSENT_REVOKED_EVENT = 'CustomerConsentRevoked';

interface ConsentRevoked {
  readonly customerId: string;
  readonly revokedAt: string;
}

function isConsentRevoked(data: unknown): data is ConsentRevoked {
  return typeof data === 'object' && data !== null && typeof (data as ConsentRevoked).customerId === 'string';
}

/**
 * Crypto-shredding on revoked consent: the customer's key is destroyed, so every personal part of
 * their claim events stays unreadable for good, and the read models drop what they kept of it.
 */
export async function shredCustomerPersonalData(
  customerId: string,
  stores: { vault: CustomerKeyVault; cards: ClaimCardRepository; documents: DocumentService },
): Promise<{ cards: number; documents: number }> {
  await stores.vault.destroy(customerId);
  return {
    cards: await stores.cards.erasePersonalDataOf(customerId),
    documents: await stores.documents.eraseNamesOf(customerId),
  };
}

/** Follows identity's customer streams, with its own checkpoint, and shreds on each revocation. */
export function consentRevocationReaction(
  stores: { vault: CustomerKeyVault; cards: ClaimCardRepository; documents: DocumentService },
  log: Logger,
): Projection {
  return {
    name: 'consent-revocations',
    categories: [CUSTOMER_STREAM_CATEGORY],
    async apply(recorded: RecordedEvent) {
      if (recorded.type !== CONSENT_REVOKED_EVENT || !isConsentRevoked(recorded.data)) return;
      const erased = await shredCustomerPersonalData(recorded.data.customerId, stores);
      log.info(
        { customerId: recorded.data.customerId, ...erased },
        'customer key destroyed after consent revocation',
      );
    },
    // A destroyed key cannot come back, and replaying revocations destroys nothing new: nothing to drop.
    reset: () => Promise.resolve(),
  };
}
