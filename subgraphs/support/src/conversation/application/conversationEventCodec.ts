import type { NewEvent, RecordedEvent } from '@cabinet/platform/eventstore';
import { CONVERSATION_EVENT_TYPES, type ConversationEvent } from '../domain/conversationEvents.ts';
import { conversationEventVersion } from './conversationEventTypes.ts';

/** A recorded conversation event as the domain knows it. */
export function conversationEventOf(recorded: RecordedEvent): ConversationEvent {
  if (!(CONVERSATION_EVENT_TYPES as readonly string[]).includes(recorded.type))
    throw new Error(`${recorded.stream}: unknown conversation event ${recorded.type}`);
  return { type: recorded.type, data: recorded.data } as ConversationEvent;
}

export function recordedConversationEvent(
  event: ConversationEvent,
  id: string,
  metadata: Omit<NewEvent['metadata'], 'schemaVersion'>,
): NewEvent {
  return {
    id,
    type: event.type,
    data: event.data,
    metadata: { ...metadata, schemaVersion: conversationEventVersion(event.type) },
  };
}
