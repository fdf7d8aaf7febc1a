import { CommonErrors } from '@cabinet/kernel';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,100}$/;

/** A client's idempotency key, checked: the same key makes a retried change add nothing. */
export function idempotencyKeyOf(key: string): string {
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw CommonErrors.badInput(
      'idempotencyKey',
      'Ключ идемпотентности: от 8 до 100 латинских букв, цифр и знаков ._:-',
    );
  }
  return key;
}
