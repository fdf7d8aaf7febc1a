import { CommonErrors, DomainError } from '@cabinet/kernel';
import { MAX_MESSAGE_ATTACHMENTS, MESSAGE_MAX_LENGTH } from './supportRules.ts';

export const ConversationErrors = {
  notFound: () => new DomainError('CONVERSATION_NOT_FOUND', 'Обращение не найдено.'),
  closed: () =>
    new DomainError(
      'CONVERSATION_CLOSED',
      'Обращение закрыто. Откройте его снова или начните новое, чтобы написать.',
    ),
  tooManyAttachments: () =>
    new DomainError(
      'SUPPORT_TOO_MANY_ATTACHMENTS',
      `К сообщению можно приложить не больше ${MAX_MESSAGE_ATTACHMENTS} файлов.`,
      { maxAttachments: MAX_MESSAGE_ATTACHMENTS },
    ),
  notClosed: () => new DomainError('CONVERSATION_NOT_CLOSED', 'Обращение не закрыто.'),
  reopenExpired: (days: number) =>
    new DomainError(
      'CONVERSATION_REOPEN_EXPIRED',
      `Обращение можно открыть снова в течение ${days} дн. после закрытия. Начните новое обращение.`,
      { reopenWithinDays: days },
    ),
  alreadyRated: () => new DomainError('CONVERSATION_ALREADY_RATED', 'Вы уже оценили это обращение.'),
  notRateable: () =>
    new DomainError(
      'CONVERSATION_NOT_RATEABLE',
      'Оценить обращение можно после ответа оператора или после закрытия.',
    ),
  assignedElsewhere: () =>
    new DomainError(
      'CONVERSATION_ASSIGNED_ELSEWHERE',
      'Обращение ведёт другой оператор. Передать его может он сам или руководитель.',
    ),
  operatorNotFound: (operatorId: string) =>
    new DomainError('SUPPORT_OPERATOR_NOT_FOUND', 'Оператор поддержки с таким идентификатором не найден.', {
      field: 'operatorId',
      operatorId,
    }),
  rateLimited: (retryAfterSeconds: number) =>
    new DomainError(
      'SUPPORT_MESSAGE_RATE_LIMITED',
      'Слишком много сообщений подряд. Подождите немного и отправьте снова.',
      { retryAfterSeconds },
    ),
  notAboutClaim: () =>
    new DomainError(
      'CONVERSATION_NOT_ABOUT_CLAIM',
      'Урегулировщика можно пригласить только в обращение по страховому случаю.',
    ),
  adjusterNotAssigned: (adjusterId: string) =>
    new DomainError(
      'SUPPORT_ADJUSTER_NOT_ASSIGNED',
      'Этот сотрудник не урегулирует заявление, о котором обращение.',
      { field: 'adjusterId', adjusterId },
    ),
  adjusterNotInConversation: (adjusterId: string) =>
    new DomainError('SUPPORT_ADJUSTER_NOT_IN_CONVERSATION', 'Этого урегулировщика нет в обращении.', {
      field: 'adjusterId',
      adjusterId,
    }),
  emptyMessage: () => CommonErrors.badInput('text', 'Напишите текст сообщения.'),
  messageTooLong: () =>
    CommonErrors.badInput('text', `Сообщение длиннее ${MESSAGE_MAX_LENGTH} символов. Сократите его.`),
  forbidden: CommonErrors.forbidden,
  badInput: CommonErrors.badInput,
} as const;
