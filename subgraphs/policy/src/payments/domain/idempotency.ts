import { DomainError } from '@cabinet/kernel';
import { paymentRequestFingerprint, type Payment, type PaymentRequest } from './payment.ts';

/**
 * Idempotency keys are chosen by the client (a UUID per attempt to pay) and scoped to the customer.
 *
 * - Same key, same request: the same payment comes back, whatever its state (a PENDING one stays
 *   PENDING; nothing is charged again).
 * - Same key, different request (another policy, quote, instalment, card or amount): refused with
 *   IDEMPOTENCY_KEY_REUSED, because answering with the other payment would mislead the client.
 *
 * Races: storage inserts the PENDING payment under a unique (customerId, idempotencyKey) index
 * before calling the provider. The request that loses the insert reads the winner's record and
 * passes it here, so exactly one request ever reaches the provider.
 */
const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export function assertIdempotencyKey(key: string): string {
  if (!KEY.test(key)) {
    throw new DomainError(
      'INVALID_IDEMPOTENCY_KEY',
      'Ключ идемпотентности: от 8 до 128 латинских букв, цифр и знаков . _ : - (например, UUID).',
      { field: 'idempotencyKey' },
    );
  }
  return key;
}

export type IdempotencyDecision =
  { readonly kind: 'NEW' } | { readonly kind: 'REPLAY'; readonly payment: Payment };

export function decideIdempotency(
  existing: Payment | undefined,
  request: PaymentRequest,
): IdempotencyDecision {
  assertIdempotencyKey(request.idempotencyKey);
  if (!existing) return { kind: 'NEW' };
  if (existing.customerId !== request.customerId || existing.idempotencyKey !== request.idempotencyKey) {
    throw new RangeError('an idempotency lookup must be by the same customer and key');
  }
  if (existing.requestFingerprint !== paymentRequestFingerprint(request)) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      'Этот ключ идемпотентности уже использован для другой операции. Для новой оплаты нужен новый ключ.',
      { paymentId: existing.id },
    );
  }
  return { kind: 'REPLAY', payment: existing };
}
