import type { CommandMetadata, StaffRole } from '@cabinet/kernel';
import type { MessageAttachment } from './conversationEvents.ts';
import type { ConversationTopic } from './conversationTopic.ts';
import type { SupportActor } from './supportActor.ts';

/** The kernel's command metadata (the command's id, its request's fingerprint, its time) and who gave it. */
export interface SupportCommandMetadata extends CommandMetadata {
  readonly actor: SupportActor;
}

/** What the staff register holds under an operator id: null when there is no active staff member. */
export interface RegisteredStaffMember {
  readonly staffId: string;
  readonly roles: readonly StaffRole[];
}

type CommandBase<Type extends string, Data> = {
  readonly type: Type;
  readonly metadata: SupportCommandMetadata;
} & Data;

/** A new message's id is chosen by the caller, so a retried command can be recognised. */
interface NewMessage {
  readonly messageId: string;
  readonly text: string;
}

/** A message to the other side may carry the writer's own uploaded files (none when absent). */
interface MessageWithAttachments extends NewMessage {
  readonly attachments?: readonly MessageAttachment[];
}

/** A customer's message may be answered automatically outside business hours, under this id. */
interface CustomerMessage extends MessageWithAttachments {
  readonly autoReplyId: string;
}

export type OpenConversation = CommandBase<
  'OpenConversation',
  CustomerMessage & {
    readonly conversationId: string;
    readonly topic: ConversationTopic;
    readonly subjectId: string | null;
    /** The customer's Gosuslugi-verified e-mail, for notices of unread replies; null without one. */
    readonly noticeEmail: string | null;
    /** The name those notices greet the customer by; null without an e-mail. */
    readonly noticeName: string | null;
  }
>;
export type SendCustomerMessage = CommandBase<'SendCustomerMessage', CustomerMessage>;
export type ReplyToConversation = CommandBase<'ReplyToConversation', MessageWithAttachments>;
export type AddInternalNote = CommandBase<'AddInternalNote', NewMessage>;
export type TakeConversation = CommandBase<'TakeConversation', Record<never, never>>;
export type AssignConversation = CommandBase<
  'AssignConversation',
  { readonly operatorId: string; readonly registered: RegisteredStaffMember | null }
>;
export type TransferConversation = CommandBase<
  'TransferConversation',
  { readonly operatorId: string; readonly registered: RegisteredStaffMember | null }
>;
export type MarkConversationRead = CommandBase<'MarkConversationRead', { readonly upToNumber: number }>;
export type CloseConversation = CommandBase<'CloseConversation', Record<never, never>>;
export type ReopenConversation = CommandBase<'ReopenConversation', Record<never, never>>;
export type RateConversation = CommandBase<
  'RateConversation',
  { readonly score: number; readonly comment: string | null }
>;

/**
 * `registered` is what the staff register holds under `adjusterId`; `claimAdjusterId` whom the claims
 * service names as handling the conversation's claim (null: nobody).
 */
export type InviteAdjuster = CommandBase<
  'InviteAdjuster',
  {
    readonly adjusterId: string;
    readonly registered: RegisteredStaffMember | null;
    readonly claimAdjusterId: string | null;
  }
>;
/** An operator removing an adjuster, or the adjuster leaving (naming themself). */
export type RemoveAdjuster = CommandBase<'RemoveAdjuster', { readonly adjusterId: string }>;

export type ConversationCommand =
  | OpenConversation
  | SendCustomerMessage
  | ReplyToConversation
  | AddInternalNote
  | TakeConversation
  | AssignConversation
  | TransferConversation
  | MarkConversationRead
  | CloseConversation
  | ReopenConversation
  | RateConversation
  | InviteAdjuster
  | RemoveAdjuster;

export type ConversationChangeCommand = Exclude<ConversationCommand, OpenConversation>;

export type ConversationCommandType = ConversationCommand['type'];

/** What each command does, as an infinitive for the messages that name it ("ключ уже использован, чтобы …"). */
export const CONVERSATION_COMMAND_LABELS: Readonly<Record<ConversationCommandType, string>> = {
  OpenConversation: 'начать обращение',
  SendCustomerMessage: 'отправить сообщение',
  ReplyToConversation: 'ответить в обращении',
  AddInternalNote: 'оставить внутреннюю заметку',
  TakeConversation: 'взять обращение',
  AssignConversation: 'назначить обращение оператору',
  TransferConversation: 'передать обращение другому оператору',
  MarkConversationRead: 'отметить сообщения прочитанными',
  CloseConversation: 'закрыть обращение',
  ReopenConversation: 'открыть обращение снова',
  RateConversation: 'оценить обращение',
  InviteAdjuster: 'пригласить урегулировщика',
  RemoveAdjuster: 'убрать урегулировщика из обращения',
};
