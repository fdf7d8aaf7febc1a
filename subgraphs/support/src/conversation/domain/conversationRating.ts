import { ConversationErrors } from './conversationErrors.ts';

export const RATING_COMMENT_MAX_LENGTH = 1_000;

/** A score from 1 to 5 and an optional comment (blank means none). */
export function validRating(
  score: number,
  comment: string | null,
): { score: number; comment: string | null } {
  if (!Number.isInteger(score) || score < 1 || score > 5)
    throw ConversationErrors.badInput('score', 'Оценка — целое число от 1 до 5.');
  const trimmed = comment?.trim() ?? '';
  if ([...trimmed].length > RATING_COMMENT_MAX_LENGTH)
    throw ConversationErrors.badInput(
      'comment',
      `Комментарий к оценке длиннее ${RATING_COMMENT_MAX_LENGTH} символов. Сократите его.`,
    );
  return { score, comment: trimmed === '' ? null : trimmed };
}
