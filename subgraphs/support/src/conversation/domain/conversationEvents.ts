import type { ConversationTopic } from './conversationTopic.ts';

/** Who wrote a message or read up to one. */
export type ConversationSide = 'CUSTOMER' | 'OPERATOR';

/** Who wrote a message: the automatic after-hours reply is the SYSTEM's. */
export type MessageAuthor = ConversationSide | 'SYSTEM';

/** How a conversation came to an operator: taking it, a supervisor's assignment, or a transfer. */
export type AssignmentKind = 'TAKE' | 'ASSIGN' | 'TRANSFER';

interface EventBase<Type extends string, Data> {
  readonly type: Type;
  /**
   * Not part of the payload: the id of the command that recorded the event, read back from its metadata
   * (`causationId`) so the conversation remembers which commands it has handled. Absent on events the
   * decider has just decided.
   */
  readonly commandId?: string;
  /** Likewise, the fingerprint of that command's request; absent on events recorded before fingerprints. */
  readonly commandFingerprint?: string;
  readonly data: Data & { readonly conversationId: string; readonly occurredAt: string };
}

/**
 * Messages are numbered in the conversation from 1 in the order written (internal notes included),
 * so "read up to N" and unread counts need no per-message flags.
 */
interface MessageData {
  readonly messageId: string;
  readonly number: number;
  readonly text: string;
  /** Files the writer uploaded and attached; absent without any. */
  readonly attachments?: readonly MessageAttachment[];
}

/**
 * A file attached to a message, as its content was stored. The name is sealed with the customer's key
 * like the text: null once their consent was revoked.
 */
export interface MessageAttachment {
  readonly attachmentId: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly fileName: string | null;
}

export type ConversationOpened = EventBase<
  'ConversationOpened',
  {
    readonly customerId: string;
    readonly topic: ConversationTopic;
    readonly subjectId: string | null;
    /**
     * Where notices of unread replies are e-mailed: the e-mail Gosuslugi verified for the customer when
     * they opened it, sealed with their key; null without one, absent in conversations opened before.
     */
    readonly noticeEmail?: string | null;
    /** The name those notices greet the customer by, sealed with the e-mail; absent in conversations opened before. */
    readonly noticeName?: string | null;
  }
>;
export type CustomerMessageSent = EventBase<'CustomerMessageSent', MessageData>;
export type OperatorReplied = EventBase<'OperatorReplied', MessageData & { readonly operatorId: string }>;
export type InternalNoteAdded = EventBase<'InternalNoteAdded', MessageData & { readonly operatorId: string }>;
/** Written for the customer when they write outside business hours, once until an operator answers. */
export type AutoReplySent = EventBase<'AutoReplySent', MessageData & { readonly answerExpectedAt: string }>;
export type ConversationAssigned = EventBase<
  'ConversationAssigned',
  {
    readonly kind: AssignmentKind;
    readonly fromOperatorId: string | null;
    readonly toOperatorId: string;
    /** Who did it: the operator taking it, a supervisor, or the operator transferring it. */
    readonly byStaffId: string;
  }
>;
export type MessagesRead = EventBase<
  'MessagesRead',
  { readonly side: ConversationSide; readonly readerId: string; readonly upToNumber: number }
>;
export type ConversationClosed = EventBase<
  'ConversationClosed',
  { readonly side: ConversationSide; readonly closedBy: string }
>;
export type ConversationReopened = EventBase<'ConversationReopened', { readonly customerId: string }>;
export type ConversationRated = EventBase<
  'ConversationRated',
  { readonly score: number; readonly comment: string | null }
>;

/** An operator pulled the adjuster handling the conversation's claim into it. */
export type AdjusterJoined = EventBase<
  'AdjusterJoined',
  { readonly adjusterId: string; readonly claimId: string; readonly byStaffId: string }
>;
/** The adjuster left, or an operator removed them (`byStaffId` says which). */
export type AdjusterLeft = EventBase<
  'AdjusterLeft',
  { readonly adjusterId: string; readonly byStaffId: string }
>;

export type ConversationEvent =
  | ConversationOpened
  | CustomerMessageSent
  | OperatorReplied
  | InternalNoteAdded
  | AutoReplySent
  | ConversationAssigned
  | MessagesRead
  | ConversationClosed
  | ConversationReopened
  | ConversationRated
  | AdjusterJoined
  | AdjusterLeft;

export type ConversationEventType = ConversationEvent['type'];

export const CONVERSATION_EVENT_TYPES: readonly ConversationEventType[] = [
  'ConversationOpened',
  'CustomerMessageSent',
  'OperatorReplied',
  'InternalNoteAdded',
  'AutoReplySent',
  'ConversationAssigned',
  'MessagesRead',
  'ConversationClosed',
  'ConversationReopened',
  'ConversationRated',
  'AdjusterJoined',
  'AdjusterLeft',
];

/** Events a customer may see: everything but internal notes. */
export function visibleToCustomer(event: ConversationEvent): boolean {
  return event.type !== 'InternalNoteAdded';
}
