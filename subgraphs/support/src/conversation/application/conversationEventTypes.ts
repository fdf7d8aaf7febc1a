import { EventTypeRegistry, type EventTypeDefinition } from '@cabinet/platform/eventstore';
import { z } from 'zod';
import { CONVERSATION_TOPICS } from '../domain/conversationTopic.ts';
import type { ConversationEventType } from '../domain/conversationEvents.ts';

/*
 * The stored shape of every conversation event, version by version. Version 2 of every type came
 * together, when the free texts began to be stored sealed (sealedConversationTexts.ts); its schemas
 * still accept version 1's plain texts, so the step from version 1 changes no data.
 */

const id = z.string().min(1);
const instant = z.iso.datetime({ offset: true });
const sealed = z.object({ sealed: z.string(), keyId: z.string() });
const side = z.enum(['CUSTOMER', 'OPERATOR']);

function conversationEventData<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object({ conversationId: id, occurredAt: instant, ...shape });
}

/** A message as stored: its text and its files' names sealed together, or plain as version 1 kept them. */
function messageData<Shape extends z.ZodRawShape>(shape: Shape) {
  return conversationEventData({
    messageId: id,
    number: z.int().positive(),
    text: z.union([z.string(), sealed]),
    attachments: z
      .array(
        z.object({
          attachmentId: id,
          contentType: z.string(),
          sizeBytes: z.int().nonnegative(),
          sha256: z.string(),
          fileName: z.string().nullable().optional(),
        }),
      )
      .optional(),
    ...shape,
  });
}

const currentData: { readonly [Type in ConversationEventType]: z.ZodType } = {
  ConversationOpened: conversationEventData({
    customerId: id,
    topic: z.enum(CONVERSATION_TOPICS),
    subjectId: z.string().nullable(),
    noticeEmail: z.union([z.string(), sealed]).nullable().optional(),
  }),
  CustomerMessageSent: messageData({}),
  OperatorReplied: messageData({ operatorId: id }),
  InternalNoteAdded: messageData({ operatorId: id }),
  AutoReplySent: messageData({ answerExpectedAt: instant }),
  ConversationAssigned: conversationEventData({
    kind: z.enum(['TAKE', 'ASSIGN', 'TRANSFER']),
    fromOperatorId: z.string().nullable(),
    toOperatorId: id,
    byStaffId: id,
  }),
  MessagesRead: conversationEventData({ side, readerId: id, upToNumber: z.int().nonnegative() }),
  ConversationClosed: conversationEventData({ side, closedBy: id }),
  ConversationReopened: conversationEventData({ customerId: id }),
  ConversationRated: conversationEventData({
    score: z.int().min(1).max(5),
    comment: z.union([z.string(), sealed]).nullable(),
  }),
  AdjusterJoined: conversationEventData({ adjusterId: id, claimId: id, byStaffId: id }),
  AdjusterLeft: conversationEventData({ adjusterId: id, byStaffId: id }),
};

export const STORED_CONVERSATION_EVENT_TYPES: readonly EventTypeDefinition[] = Object.entries(
  currentData,
).map(([type, schema]) => ({
  type,
  versions: [
    { version: 1, schema },
    { version: 2, schema, upcast: (plainTexts: unknown) => plainTexts },
  ],
}));

const conversationEventRegistry = new EventTypeRegistry(STORED_CONVERSATION_EVENT_TYPES);

/** The version a conversation event of this type is recorded in today. */
export function conversationEventVersion(type: ConversationEventType): number {
  return conversationEventRegistry.currentVersion(type);
}
