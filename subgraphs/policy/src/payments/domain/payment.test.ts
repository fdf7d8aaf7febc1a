import { describe, expect, it } from 'vitest';
import { kopecks, rubles } from '@cabinet/kernel';
import { declineError } from './declines.ts';
import { decideIdempotency } from './idempotency.ts';
import { reconcilePayment, recordProviderAnswer, startPayment, type PaymentRequest } from './payment.ts';

const request: PaymentRequest = {
  customerId: 'customer-1',
  idempotencyKey: '6f1c2a9e-7c1b-4f7e-9d3a-1b2c3d4e5f60',
  purpose: { kind: 'RENEWAL', policyId: 'policy-1', quoteId: 'quote-1' },
  paymentMethodId: 'method-1',
  amount: kopecks(769_776),
};

const context = { now: () => new Date('2026-02-01T09:00:00Z'), newId: () => 'payment-1' };
const later = (ms: number) => new Date(Date.parse('2026-02-01T09:00:00Z') + ms);

describe('declines tell the customer what to do', () => {
  it.each([
    { reason: 'INSUFFICIENT_FUNDS', code: 'INSUFFICIENT_FUNDS', hint: 'Пополните карту или выберите другую' },
    { reason: 'DECLINED_BY_BANK', code: 'CARD_DECLINED_BY_BANK', hint: 'Позвоните в банк' },
    { reason: 'PROVIDER_UNAVAILABLE', code: 'PAYMENT_PROVIDER_UNAVAILABLE', hint: 'деньги не списаны' },
  ] as const)('$reason → $code', ({ reason, code, hint }) => {
    const error = declineError(reason, 'payment-1');
    expect(error).toMatchObject({ code, details: { paymentId: 'payment-1', reason } });
    expect(error.message).toContain(hint);
  });
});

describe('payment state machine', () => {
  it('starts PENDING with the request fingerprint', () => {
    expect(startPayment(request, context)).toMatchObject({
      id: 'payment-1',
      status: 'PENDING',
      createdAt: '2026-02-01T09:00:00.000Z',
      requestFingerprint: 'RENEWAL|policy=policy-1|quote=quote-1|method=method-1|amount=769776 RUB',
    });
  });

  it('refuses a zero payment', () => {
    expect(() => startPayment({ ...request, amount: rubles(0) }, context)).toThrow(RangeError);
  });

  it('keeps a settled payment settled: the same answer again is a no-op, another one is refused', () => {
    const succeeded = recordProviderAnswer(
      startPayment(request, context),
      { kind: 'APPROVED', reference: 'r' },
      later(1),
    );
    expect(succeeded).toMatchObject({
      status: 'SUCCEEDED',
      providerReference: 'r',
      settledAt: later(1).toISOString(),
    });
    expect(recordProviderAnswer(succeeded, { kind: 'APPROVED', reference: 'r' }, later(2))).toBe(succeeded);
    expect(reconcilePayment(succeeded, { kind: 'APPROVED', reference: 'r' }, later(2))).toBe(succeeded);
    expect(recordProviderAnswer(succeeded, { kind: 'NO_ANSWER' }, later(2))).toBe(succeeded);
    expect(() =>
      recordProviderAnswer(succeeded, { kind: 'DECLINED', reason: 'DECLINED_BY_BANK' }, later(2)),
    ).toThrow(RangeError);
    expect(() => reconcilePayment(succeeded, { kind: 'NOT_RECEIVED' }, later(2))).toThrow(RangeError);
  });

  it('waits while the provider is still processing', () => {
    const pending = startPayment(request, context);
    expect(reconcilePayment(pending, { kind: 'IN_PROGRESS' }, later(120_000))).toBe(pending);
  });
});

describe('idempotency keys', () => {
  const existing = startPayment(request, context);

  it('starts a new payment for an unused key', () => {
    expect(decideIdempotency(undefined, request)).toEqual({ kind: 'NEW' });
  });

  it('replays the same request with the same key, whatever the payment’s state', () => {
    expect(decideIdempotency(existing, request)).toEqual({ kind: 'REPLAY', payment: existing });
  });

  it.each([
    {
      change: { purpose: { kind: 'RENEWAL', policyId: 'policy-1', quoteId: 'quote-2' } },
      why: 'another quote',
    },
    {
      change: { purpose: { kind: 'INSTALMENT', policyId: 'policy-1', instalmentId: 'quote-1' } },
      why: 'another purpose',
    },
    { change: { paymentMethodId: 'method-2' }, why: 'another card' },
    { change: { amount: kopecks(769_777) }, why: 'another amount' },
  ] satisfies { change: Partial<PaymentRequest>; why: string }[])(
    'refuses $why under a used key',
    ({ change }) => {
      expect(() => decideIdempotency(existing, { ...request, ...change })).toThrow(
        expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', details: { paymentId: 'payment-1' } }),
      );
    },
  );

  it.each(['short', 'has space inside it', 'ключ-по-русски-123', 'x'.repeat(129)])(
    'refuses key %j',
    (key) => {
      expect(() => decideIdempotency(undefined, { ...request, idempotencyKey: key })).toThrow(
        expect.objectContaining({ code: 'INVALID_IDEMPOTENCY_KEY' }),
      );
    },
  );
});
