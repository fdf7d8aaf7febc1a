/** An operator's reply whose customer is told of it if it is still unread when due; no text, no personal data. */
export interface UnreadReplyNotice {
  readonly conversationId: string;
  readonly replyNumber: number;
  /** ISO 8601: `SUPPORT_UNREAD_NOTICE_AFTER` after the reply. */
  readonly dueAt: string;
}
