import { describe, expect, it } from 'vitest';
import { CUSTOMER_ID } from '../../conversation/domain/testing/supportActors.ts';
import { replyNotification } from './replyNotification.ts';

const CONVERSATION = { conversationId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', customerId: CUSTOMER_ID };
const LINK = `https://lk.example.ru/support/${CONVERSATION.conversationId}`;

describe('the letter of an unread reply', () => {
  it('greets the customer by name, names the topic and links to the conversation, in both parts', () => {
    const { email } = replyNotification({ ...CONVERSATION, topic: 'CLAIM' }, 'https://lk.example.ru/', {
      to: 'ivanov@example.ru',
      greetingName: 'Иван Иванович',
    });

    expect(email.subject).toBe('Ответ службы поддержки');
    expect(email.text).toContain('Здравствуйте, Иван Иванович!');
    expect(email.text).toContain(
      'Оператор службы поддержки ответил на ваше обращение «Вопрос по страховому случаю».',
    );
    expect(email.text).toContain(`Прочитать ответ можно в личном кабинете: ${LINK}`);
    expect(email.html).toContain('Здравствуйте, Иван Иванович!');
    expect(email.html).toContain(
      'Оператор службы поддержки ответил на ваше обращение «Вопрос по страховому случаю».',
    );
    expect(email.html).toContain(`<a href="${LINK}"`);
  });

  it('escapes markup in the name in the HTML part', () => {
    const { email } = replyNotification({ ...CONVERSATION, topic: 'GENERAL' }, 'https://lk.example.ru/', {
      to: 'ivanov@example.ru',
      greetingName: '<script>alert(1)</script>',
    });

    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Здравствуйте, &lt;script&gt;alert(1)&lt;/script&gt;!');
    expect(email.text).toContain('Здравствуйте, <script>alert(1)</script>!');
  });
});
