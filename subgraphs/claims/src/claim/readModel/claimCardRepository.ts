import { idsWhere, VersionConflict, type Collection, type DocumentStore } from '@cabinet/platform/documents';
import { ERASED_PERSONAL_DATA } from '../domain/personalDataForm.ts';
import type { ClaimCard } from './claimCard.ts';

export const CLAIM_CARDS = { name: 'claim_cards', indexes: [{ fields: ['customerId'] }] } as const;

export class ClaimCardRepository {
  private constructor(readonly collection: Collection<ClaimCard>) {}

  static async open(store: DocumentStore): Promise<ClaimCardRepository> {
    return new ClaimCardRepository(await store.collection<ClaimCard>(CLAIM_CARDS));
  }

  async get(claimId: string): Promise<ClaimCard | null> {
    return (await this.collection.get(claimId))?.data ?? null;
  }

  /** Writes only when `card.revision` is newer than what is stored. */
  save(card: ClaimCard): Promise<boolean> {
    return this.collection.upsertIfNewer(card.claimId, card, card.revision);
  }

  /** The claim ids of a customer's cards. */
  idsOfCustomer(customerId: string): Promise<string[]> {
    return idsWhere(this.collection, { customerId });
  }

  /** Drops the personal parts of a customer's cards, ciphertext included; the rest of each card stays. */
  async erasePersonalDataOf(customerId: string): Promise<number> {
    const ids = await this.idsOfCustomer(customerId);
    for (const id of ids) {
      for (;;) {
        const stored = await this.collection.get(id);
        if (!stored) break;
        const timeline = stored.data.timeline.map((entry) =>
          entry.personal === null ? entry : { ...entry, personal: ERASED_PERSONAL_DATA },
        );
        try {
          await this.collection.replace(id, { ...stored.data, timeline }, stored.version);
          break;
        } catch (error) {
          if (!(error instanceof VersionConflict)) throw error;
        }
      }
    }
    return ids.length;
  }
}
