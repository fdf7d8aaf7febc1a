/**
 * What a message and a rating comment read as once the customer revoked consent and their key was
 * destroyed: the conversation's structure (authors, numbers, times, statuses) stays for statistics.
 */
export const ERASED_MESSAGE_TEXT = 'Сообщение удалено по отзыву согласия на обработку персональных данных';
export const ERASED_RATING_COMMENT = 'Комментарий удалён по отзыву согласия на обработку персональных данных';
