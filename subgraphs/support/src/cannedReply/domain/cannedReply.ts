import { CommonErrors, DomainError } from '@cabinet/kernel';

export const CANNED_REPLY_TITLE_MAX_LENGTH = 100;
export const CANNED_REPLY_TEXT_MAX_LENGTH = 4_000;

/** A ready answer operators insert into a reply; supervisors keep the list. */
export interface CannedReply {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export const CannedReplyErrors = {
  notFound: () => new DomainError('CANNED_REPLY_NOT_FOUND', 'Шаблон ответа не найден.'),
} as const;

function bounded(value: string, field: string, max: number, what: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw CommonErrors.badInput(field, `Заполните ${what}.`);
  if ([...trimmed].length > max) throw CommonErrors.badInput(field, `${what} длиннее ${max} символов.`);
  return trimmed;
}

/** A canned reply's title (1–100 characters) and text (1–4 000), trimmed. */
export function cannedReplyContent(input: { title: string; text: string }): { title: string; text: string } {
  return {
    title: bounded(input.title, 'title', CANNED_REPLY_TITLE_MAX_LENGTH, 'название шаблона'),
    text: bounded(input.text, 'text', CANNED_REPLY_TEXT_MAX_LENGTH, 'текст шаблона'),
  };
}
