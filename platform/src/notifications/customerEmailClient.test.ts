import { describe, expect, it } from 'vitest';
import { greetingNameOf } from './customerEmailClient.ts';

describe('the name letters greet a customer by', () => {
  it('is the first name and patronymic', () => {
    expect(greetingNameOf({ firstName: 'Иван', middleName: 'Иванович', lastName: 'Петров' })).toBe(
      'Иван Иванович',
    );
  });

  it('is the first and last name of someone without a patronymic', () => {
    expect(greetingNameOf({ firstName: 'Анна', middleName: null, lastName: 'Шмидт' })).toBe('Анна Шмидт');
  });
});
