import { cabinetLink, letterTemplate, type OutgoingNotice } from '@cabinet/platform/notifications';
import {
  CONVERSATION_TOPIC_LABELS,
  type ConversationTopic,
} from '../../conversation/domain/conversationTopic.ts';

/** Whom the letter goes to: the verified e-mail (null: push only) and the name it greets them by. */
export interface ReplyLetterRecipient {
  readonly to: string | null;
  readonly greetingName: string | null;
}

const UNREAD_REPLY_LETTER = letterTemplate<{ readonly topic: string }>(
  new URL('./unreadReplyLetter', import.meta.url),
);

/**
 * The Russian notice that support has answered, with a link to the conversation in the customer's
 * cabinet. It says only that there is a reply and what the conversation is about: the reply's text is
 * personal data and stays sealed in the conversation.
 */
export function replyNotification(
  conversation: { conversationId: string; customerId: string; topic: ConversationTopic },
  cabinetUrl: string,
  recipient: ReplyLetterRecipient,
): OutgoingNotice {
  const link = cabinetLink(cabinetUrl, 'support', conversation.conversationId);
  const topic = CONVERSATION_TOPIC_LABELS[conversation.topic];
  const subject = 'Ответ службы поддержки';
  const letter = UNREAD_REPLY_LETTER(
    { topic },
    {
      subject,
      greetingName: recipient.greetingName,
      action: { label: 'Прочитать ответ можно в личном кабинете', url: link },
    },
  );
  return {
    customerId: conversation.customerId,
    subjectId: conversation.conversationId,
    link,
    push: { title: 'Ответ поддержки', body: `Оператор ответил на ваше обращение «${topic}»` },
    email: { to: recipient.to, subject, ...letter },
  };
}
