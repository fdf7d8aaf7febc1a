import type { ErasedReadModels } from '@cabinet/platform/privacy';
import type { ClaimCardRepository } from '../../claim/storage/claimCardRepository.ts';
import type { DocumentService } from '../../documents/application/documentService.ts';

/** What claims' read models drop of a customer's personal data once their key is destroyed. */
export function eraseCustomerReadModels(stores: {
  cards: ClaimCardRepository;
  documents: DocumentService;
}): (customerId: string) => Promise<ErasedReadModels> {
  return async (customerId) => ({
    cards: await stores.cards.erasePersonalDataOf(customerId),
    documents: await stores.documents.eraseNamesOf(customerId),
  });
}
