import { CommonErrors } from '@cabinet/kernel';
import validator from 'validator';

/**
 * The one address a claim's notices go to, or null when none is given. A list, a display name or
 * anything else that is not a single mailbox is refused: notices must not reach people the customer
 * typed in beside themselves.
 */
export function contactEmail(value: string | null | undefined): string | null {
  const email = value?.trim() ?? '';
  if (email === '') return null;
  if (!validator.isEmail(email, { allow_display_name: false, require_tld: true, allow_ip_domain: false })) {
    throw CommonErrors.badInput(
      'contact.email',
      'Укажите один адрес электронной почты, например ivanova@example.ru.',
    );
  }
  return email;
}
