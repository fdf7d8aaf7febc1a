import { describe, expect, it } from 'vitest';
import { kopecks, rubles } from '@cabinet/kernel';
import { declineError } from './declines.ts';
import {
  devBehaviourOfToken,
  devCardBehaviour,
  devCardToken,
  devChargeAnswer,
  devLookup,
  DEV_TEST_CARDS,
  type DevCardBehaviour,
} from './devCardProvider.ts';
import { decideIdempotency } from './idempotency.ts';
import { passesLuhn } from './luhn.ts';
import { reconcilePayment, recordProviderAnswer, startPayment, type PaymentRequest } from './payment.ts';
import { detectCardBrand } from './card.ts';

const request: PaymentRequest = {
  customerId: 'customer-1',
  idempotencyKey: '6f1c2a9e-7c1b-4f7e-9d3a-1b2c3d4e5f60',
  purpose: { kind: 'RENEWAL', policyId: 'policy-1', quoteId: 'quote-1' },
  paymentMethodId: 'method-1',
  amount: kopecks(769_776),
};

const context = { now: () => new Date('2026-02-01T09:00:00Z'), newId: () => 'payment-1' };
const later = (ms: number) => new Date(Date.parse('2026-02-01T09:00:00Z') + ms);

/** Start a payment on a dev card, then settle it by the provider's answer and, if needed, reconciliation. */
function payWithDevCard(behaviour: DevCardBehaviour, amount = request.amount) {
  const pending = startPayment({ ...request, amount }, context);
  const isRefund = amount.minorUnits < 0;
  const answered = recordProviderAnswer(pending, devChargeAnswer(behaviour, isRefund, 'ref-1'), later(1_000));
  const reconciled =
    answered.status === 'PENDING'
      ? reconcilePayment(answered, devLookup(behaviour, isRefund, 'ref-1'), later(60_000))
      : answered;
  return { answered, reconciled };
}

describe('dev card provider', () => {
  it('lists Luhn-valid test cards of the brand they claim', () => {
    for (const card of DEV_TEST_CARDS) {
      expect(passesLuhn(card.number)).toBe(true);
      expect(detectCardBrand(card.number)).toBe(card.brand);
      expect(devCardBehaviour(card.number)).toBe(card.behaviour);
    }
    expect(devCardBehaviour('4222222222222')).toBe('APPROVE');
  });

  it('carries the behaviour in its token', () => {
    const token = devCardToken('INSUFFICIENT_FUNDS', 'abc');
    expect(token).toBe('dev-card:INSUFFICIENT_FUNDS:abc');
    expect(devBehaviourOfToken(token)).toBe('INSUFFICIENT_FUNDS');
    expect(() => devBehaviourOfToken('tok_live_123')).toThrow(RangeError);
  });

  it.each([
    { behaviour: 'APPROVE', answered: 'SUCCEEDED', reconciled: 'SUCCEEDED', reason: undefined },
    {
      behaviour: 'INSUFFICIENT_FUNDS',
      answered: 'DECLINED',
      reconciled: 'DECLINED',
      reason: 'INSUFFICIENT_FUNDS',
    },
    {
      behaviour: 'DECLINE_BY_BANK',
      answered: 'DECLINED',
      reconciled: 'DECLINED',
      reason: 'DECLINED_BY_BANK',
    },
    { behaviour: 'TIMEOUT_THEN_APPROVED', answered: 'PENDING', reconciled: 'SUCCEEDED', reason: undefined },
    {
      behaviour: 'TIMEOUT_NOT_RECEIVED',
      answered: 'PENDING',
      reconciled: 'DECLINED',
      reason: 'PROVIDER_UNAVAILABLE',
    },
  ] as const)('$behaviour: $answered, then $reconciled', ({ behaviour, answered, reconciled, reason }) => {
    const result = payWithDevCard(behaviour);
    expect(result.answered.status).toBe(answered);
    expect(result.reconciled.status).toBe(reconciled);
    expect(result.reconciled.declineReason).toBe(reason);
  });

  it('always approves refunds, even on a card that declines charges', () => {
    expect(payWithDevCard('INSUFFICIENT_FUNDS', kopecks(-678_356)).reconciled.status).toBe('SUCCEEDED');
    expect(payWithDevCard('TIMEOUT_NOT_RECEIVED', kopecks(-678_356)).reconciled.status).toBe('SUCCEEDED');
  });
});

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
