import { cabinetLink, type OutgoingNotice } from '@cabinet/platform/notifications';
import {
  CONVERSATION_TOPIC_LABELS,
  type ConversationTopic,
} from '../../conversation/domain/conversationTopic.ts';

/**
 * The Russian notice that support has answered, with a link to the conversation in the customer's
 * cabinet. It says only that there is a reply and what the conversation is about: the reply's text is
 * personal data and stays sealed in the conversation.
 */
export function replyNotification(
  conversation: { conversationId: string; customerId: string; topic: ConversationTopic },
  cabinetUrl: string,
  to: string | null,
): OutgoingNotice {
  const link = cabinetLink(cabinetUrl, 'support', conversation.conversationId);
  const topic = CONVERSATION_TOPIC_LABELS[conversation.topic];
  return {
    customerId: conversation.customerId,
    subjectId: conversation.conversationId,
    link,
    push: { title: 'Ответ поддержки', body: `Оператор ответил на ваше обращение «${topic}»` },
    email: {
      to,
      subject: 'Ответ службы поддержки',
      text: [
        'Здравствуйте!',
        '',
        `Оператор службы поддержки ответил на ваше обращение «${topic}».`,
        `Прочитать ответ можно в личном кабинете: ${link}`,
        '',
        'Это письмо отправлено автоматически, отвечать на него не нужно.',
      ].join('\n'),
    },
  };
}
