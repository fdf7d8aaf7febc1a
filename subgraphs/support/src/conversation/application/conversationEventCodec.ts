import type { NewEvent, RecordedEvent } from '@cabinet/platform/eventstore';
import { CONVERSATION_EVENT_TYPES, type ConversationEvent } from '../domain/conversationEvents.ts';

/**
 * The version of the conversation events' data shape; a change to it comes with an upcaster. Version 2
 * records the free texts sealed (see sealedConversationTexts.ts), which reads version 1's plain texts too.
 */
export const CONVERSATION_EVENT_SCHEMA_VERSION = 2;

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
    metadata: { ...metadata, schemaVersion: CONVERSATION_EVENT_SCHEMA_VERSION },
  };
}
