import { ConversationErrors } from './conversationErrors.ts';
import type { MessageAttachment } from './conversationEvents.ts';
import { MAX_MESSAGE_ATTACHMENTS } from './supportRules.ts';

/** Refuses more files than a message may carry (SUPPORT_TOO_MANY_ATTACHMENTS). */
export function assertAttachmentCount(count: number): void {
  if (count > MAX_MESSAGE_ATTACHMENTS) throw ConversationErrors.tooManyAttachments();
}

/** A message's data with its attachments, if it has any (an event without files carries no list). */
export function withAttachments<Data extends object>(
  data: Data,
  attachments: readonly MessageAttachment[] | undefined,
): Data & { attachments?: readonly MessageAttachment[] } {
  if (attachments === undefined || attachments.length === 0) return data;
  assertAttachmentCount(attachments.length);
  return { ...data, attachments };
}
