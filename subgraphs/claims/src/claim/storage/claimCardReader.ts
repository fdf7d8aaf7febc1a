import { isUuid } from '@cabinet/kernel';
import type { EventStore, RecordedEvent } from '@cabinet/platform/eventstore';
import type { CustomerKeyVault } from '@cabinet/platform/privacy';
import { claimStreamId } from '../domain/claimStreamId.ts';
import { isSealedPersonalData, plainPersonalData } from '../domain/personalDataForm.ts';
import type { ClaimCard } from './claimCard.ts';
import { foldClaimCard } from './claimCardFold.ts';
import type { ClaimCardRepository } from './claimCardRepository.ts';

/** A card's timeline personal parts opened with the customer's key: one per entry, null when none or erased. */
export type OpenedPersonalData = readonly (Readonly<Record<string, unknown>> | null)[];

/** Reads claim cards: the projection's when it is current, else folded from the stream. */
export class ClaimCardReader {
  constructor(
    private readonly events: EventStore,
    private readonly cards: ClaimCardRepository,
    private readonly vault: CustomerKeyVault,
  ) {}

  /** The card at the claim's change `cursor` (the position of its latest event as the caller saw it). */
  async current(claimId: string, cursor: string): Promise<ClaimCard | null> {
    const stored = await this.cards.get(claimId);
    if (stored && stored.cursor === cursor) return stored;
    return foldClaimCard(await this.stream(claimId));
  }

  /** The card with every event recorded so far, folded from the stream (the projection may lag). */
  async latest(claimId: string): Promise<ClaimCard | null> {
    return foldClaimCard(await this.stream(claimId));
  }

  /** The card exactly as it was at `at`: only events recorded up to that moment are folded. */
  async asOf(claimId: string, at: Date): Promise<ClaimCard | null> {
    const recorded = await this.stream(claimId);
    return foldClaimCard(recorded.filter((event) => event.recordedAt.getTime() <= at.getTime()));
  }

  /** A claim's events; an id that is not a UUID names no claim, so it has none. */
  private async stream(claimId: string): Promise<RecordedEvent[]> {
    return isUuid(claimId) ? this.events.read(claimStreamId(claimId)) : [];
  }

  /** Opens the personal parts for a reader entitled to them (the customer or staff). */
  async open(card: ClaimCard): Promise<OpenedPersonalData> {
    return Promise.all(
      card.timeline.map(async ({ personal }) => {
        if (personal === null) return null;
        if (!isSealedPersonalData(personal))
          return plainPersonalData(personal) as Record<string, unknown> | null;
        return this.vault.open<Record<string, unknown>>(personal);
      }),
    );
  }
}
