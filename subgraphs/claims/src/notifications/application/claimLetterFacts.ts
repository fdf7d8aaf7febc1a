import type { EventStore, RecordedEvent } from '@cabinet/platform/eventstore';
import type { CustomerKeyVault } from '@cabinet/platform/privacy';
import { claimEventOf } from '../../claim/application/claimEventCodec.ts';
import type { ClaimEvent } from '../../claim/domain/claimEvents.ts';
import { claimStreamId } from '../../claim/domain/claimStreamId.ts';
import { unsealPersonalData } from '../../claim/domain/personalData.ts';
import { plainPersonalData } from '../../claim/domain/personalDataForm.ts';
import type { ClaimStatusChangeRecord } from '../../statusFeed/application/statusChange.ts';

/** What a status change's letter tells beyond the status, read from the claim when the letter is sent. */
export interface ClaimLetterFacts {
  /** The customer's verified e-mail, or null: no letter. */
  readonly to: string | null;
  readonly greetingName: string | null;
  /** What the adjuster asked for, when the change is to «Требуются документы». */
  readonly requestedDocuments: string | null;
  /** The sum paid out, when the change is to «Завершено (Выплачено)». */
  readonly payoutKopecks: number | null;
}

const NO_LETTER: ClaimLetterFacts = {
  to: null,
  greetingName: null,
  requestedDocuments: null,
  payoutKopecks: null,
};

/**
 * The facts of the letter for `change`, from the claim's events up to the one that made it. The address
 * is the Gosuslugi-verified e-mail kept when the claim was submitted, never the contact e-mail typed
 * into it (nobody confirmed it is theirs). The address, the name and the adjuster's request are personal
 * data sealed in the events: they are opened with the customer's key now and never copied into the
 * outbox, so once the key is destroyed there is nobody to write to, and no letter.
 */
export async function claimLetterFactsOf(
  events: EventStore,
  vault: CustomerKeyVault,
  change: Pick<ClaimStatusChangeRecord, 'claimId' | 'eventId' | 'status' | 'resolution'>,
): Promise<ClaimLetterFacts> {
  const history = upToChange(await events.read(claimStreamId(change.claimId)), change.eventId);
  const unsealed = <E extends ClaimEvent>(event: E) =>
    unsealPersonalData(event, (sealed) => vault.open(sealed));
  const [first] = history;
  if (first?.type !== 'ClaimSubmitted') return NO_LETTER;
  const recipient = plainPersonalData((await unsealed(first)).data.personal);
  const to = recipient?.noticeEmail ?? null;
  if (to === null) return NO_LETTER;

  const request = lastOf(history, 'ClaimDocumentsRequested');
  const requestedDocuments =
    change.status === 'DOCUMENTS_REQUESTED' && request
      ? (plainPersonalData((await unsealed(request)).data.personal)?.message ?? null)
      : null;
  const payout = change.resolution === 'PAID' ? lastOf(history, 'ClaimPaidOut') : undefined;
  return {
    to,
    greetingName: recipient?.noticeName ?? null,
    requestedDocuments,
    payoutKopecks: payout?.data.amountKopecks ?? null,
  };
}

function upToChange(recorded: readonly RecordedEvent[], eventId: string): ClaimEvent[] {
  const end = recorded.findIndex((event) => event.id === eventId);
  return (end === -1 ? recorded : recorded.slice(0, end + 1)).map(claimEventOf);
}

function lastOf<Type extends ClaimEvent['type']>(
  history: readonly ClaimEvent[],
  type: Type,
): Extract<ClaimEvent, { type: Type }> | undefined {
  return history.findLast((event): event is Extract<ClaimEvent, { type: Type }> => event.type === type);
}
