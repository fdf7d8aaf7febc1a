import { ConversationErrors } from './conversationErrors.ts';
import { MESSAGE_MAX_LENGTH } from './supportRules.ts';

/** A message's text without surrounding blanks: 1 to MESSAGE_MAX_LENGTH characters (code points). */
export function messageText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw ConversationErrors.emptyMessage();
  if ([...trimmed].length > MESSAGE_MAX_LENGTH) throw ConversationErrors.messageTooLong();
  return trimmed;
}
