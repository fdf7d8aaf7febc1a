import { clearCollection } from '@cabinet/platform/documents';
import type { RecordedEvent } from '@cabinet/platform/eventstore';
import type { Projection } from '@cabinet/platform/projections';
import { conversationEventOf } from '../application/conversationEventCodec.ts';
import { CONVERSATION_CATEGORY } from '../domain/conversationStreamId.ts';
import type { ConversationListRepository } from './conversationListRepository.ts';
import { summarize, type ConversationSummary } from './conversationSummary.ts';

/** Told of every summary a projection wrote, with the one it replaced. */
export type SummaryObserver = (before: ConversationSummary | null, after: ConversationSummary) => void;

/**
 * Keeps a list's row of each conversation; an event at or below the stored revision is skipped, so
 * replaying after a crash changes nothing. The row is rewritten only over the one it was folded from:
 * the consent-revocation reaction erasing the row's texts between the read and the write would
 * otherwise be undone by a row folded from the old texts.
 */
export function conversationListProjection(
  name: string,
  list: ConversationListRepository,
  observer: SummaryObserver = () => undefined,
): Projection {
  return {
    name,
    categories: [CONVERSATION_CATEGORY],
    async apply(recorded: RecordedEvent) {
      const event = conversationEventOf(recorded);
      const written = await list.update(event.data.conversationId, (stored) =>
        stored && stored.revision >= Number(recorded.revision) ? null : summarize(stored, event, recorded),
      );
      if (written) observer(written.before, written.after);
    },
    reset: () => clearCollection(list.collection),
  };
}
