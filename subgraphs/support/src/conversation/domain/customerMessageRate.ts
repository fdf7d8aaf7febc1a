import { ConversationErrors } from './conversationErrors.ts';

const MINUTE_MS = 60_000;

/** A customer's message as the per-minute limit counts it, in any of their conversations. */
export interface CountedMessage {
  readonly messageId: string;
  readonly sentAt: string;
}

/**
 * Admits a customer's message under the limit of `perMinute` messages a minute across all their
 * conversations, so opening new conversations does not get round it. Returns the messages of the last
 * minute with this one added, or null when it was already counted (a retried send); refuses the one
 * over the limit with when to write again.
 */
export function admitCustomerMessage(
  counted: readonly CountedMessage[],
  messageId: string,
  now: Date,
  perMinute: number,
): CountedMessage[] | null {
  const windowStart = now.getTime() - MINUTE_MS;
  const inWindow = counted.filter((message) => Date.parse(message.sentAt) > windowStart);
  if (inWindow.some((message) => message.messageId === messageId)) return null;
  if (inWindow.length >= perMinute) {
    const leavesFirst = Date.parse(inWindow[inWindow.length - perMinute]!.sentAt);
    throw ConversationErrors.rateLimited(
      Math.max(1, Math.ceil((leavesFirst + MINUTE_MS - now.getTime()) / 1_000)),
    );
  }
  return [...inWindow, { messageId, sentAt: now.toISOString() }];
}
