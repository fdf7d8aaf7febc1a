import { describe, expect, it } from 'vitest';
import { contactEmail } from './contactEmail.ts';

describe('a claim’s contact e-mail', () => {
  it.each([
    ['ivanova@example.ru', 'ivanova@example.ru'],
    ['  ivanova@example.ru ', 'ivanova@example.ru'],
    ['почта@пример.рф', 'почта@пример.рф'],
  ])('takes one address: %j', (given, kept) => {
    expect(contactEmail(given)).toBe(kept);
  });

  it.each([null, undefined, '', '   '])('is none when not given: %j', (given) => {
    expect(contactEmail(given)).toBeNull();
  });

  it.each([
    'ivanova@example.ru, boss@example.ru',
    'ivanova@example.ru;boss@example.ru',
    'ivanova@example.ru boss@example.ru',
    'Иванова <ivanova@example.ru>',
    'ivanova@example.ru\r\nBcc: boss@example.ru',
    'ivanova@[127.0.0.1]',
    'ivanova@localhost',
    'ivanova',
  ])('refuses %j with BAD_USER_INPUT naming the field', (given) => {
    expect(() => contactEmail(given)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'contact.email' } }) as Error,
    );
  });
});
