import { describe, expect, it } from 'vitest';
import { kopecks } from '@cabinet/kernel';
import {
  detectCardBrand,
  passesLuhn,
  reconcilePayment,
  recordProviderAnswer,
  startPayment,
  type PaymentRequest,
} from '../domain/index.ts';
import {
  devBehaviourOfToken,
  devCardBehaviour,
  devCardToken,
  devChargeAnswer,
  devLookup,
  DEV_TEST_CARDS,
  type DevCardBehaviour,
} from './devCardProvider.ts';

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
