import type { RecordedEvent } from '@cabinet/platform/eventstore';
import { claimEventOf } from '../application/claimEventCodec.ts';
import { personalDataOf } from '../domain/personalData.ts';
import { claimStatusOf, evolve, initialState } from '../domain/claimState.ts';
import type { ClaimCard, ClaimCardDocument } from './claimCard.ts';
import { timelineTextOf } from './claimTimelineText.ts';

/**
 * Folds one recorded claim event into the card. Pure: the projection stores the result, and a reader
 * that finds the stored card behind folds the stream itself with the same function.
 */
export function evolveClaimCard(card: ClaimCard | null, recorded: RecordedEvent): ClaimCard | null {
  const event = claimEventOf(recorded);
  const before = card?.claim ?? initialState;
  const after = evolve(before, event);
  if (after.kind === 'none') return card;
  const entry = card?.timeline.length ?? 0;
  const at = event.data.occurredAt;
  const newDocuments: ClaimCardDocument[] =
    event.type === 'ClaimSubmitted' || event.type === 'ClaimDocumentsProvided'
      ? event.data.documents.map((document) => ({ ...document, providedAt: at, entry }))
      : [];
  return {
    claimId: after.claimId,
    customerId: after.customerId,
    claim: after,
    submittedAt: card?.submittedAt ?? at,
    incident: event.type === 'ClaimSubmitted' ? event.data.incident : (card?.incident ?? null),
    payout:
      event.type === 'ClaimPaidOut'
        ? {
            amountKopecks: event.data.amountKopecks,
            paymentReference: event.data.paymentReference,
            paidAt: at,
          }
        : (card?.payout ?? null),
    updatedAt: at,
    cursor: recorded.position,
    revision: Number(recorded.revision),
    timeline: [
      ...(card?.timeline ?? []),
      {
        eventId: recorded.id,
        type: event.type,
        at,
        recordedAt: recorded.recordedAt.toISOString(),
        actor: recorded.metadata.actor,
        what: timelineTextOf(event),
        statusBefore: before.kind === 'claim' ? claimStatusOf(before) : null,
        statusAfter: claimStatusOf(after),
        personal: personalDataOf(event),
      },
    ],
    comments:
      event.type === 'ClaimCommented'
        ? [
            ...(card?.comments ?? []),
            { commentId: event.data.commentId, at, author: event.data.author, entry },
          ]
        : (card?.comments ?? []),
    documents: [...(card?.documents ?? []), ...newDocuments],
  };
}

export function foldClaimCard(recorded: Iterable<RecordedEvent>): ClaimCard | null {
  let card: ClaimCard | null = null;
  for (const event of recorded) card = evolveClaimCard(card, event);
  return card;
}
