import type { Money } from '@cabinet/kernel';
import type { DeclineReason } from './declines.ts';

/** What a payment pays for; refunds of coverage changes are payments with a negative amount. */
export type PaymentPurpose =
  | { readonly kind: 'RENEWAL'; readonly policyId: string; readonly quoteId: string }
  | { readonly kind: 'COVERAGE_CHANGE'; readonly policyId: string; readonly quoteId: string }
  | { readonly kind: 'INSTALMENT'; readonly policyId: string; readonly instalmentId: string };

export interface PaymentRequest {
  readonly customerId: string;
  readonly idempotencyKey: string;
  readonly purpose: PaymentPurpose;
  readonly paymentMethodId: string;
  /** Positive: charged to the card; negative: refunded to it. Never zero. */
  readonly amount: Money;
}

export type PaymentStatus = 'PENDING' | 'SUCCEEDED' | 'DECLINED';

export const PAYMENT_STATUS_LABELS: Readonly<Record<PaymentStatus, string>> = {
  PENDING: 'обрабатывается',
  SUCCEEDED: 'проведён',
  DECLINED: 'отклонён',
};

export interface Payment extends PaymentRequest {
  readonly id: string;
  readonly requestFingerprint: string;
  readonly status: PaymentStatus;
  readonly declineReason?: DeclineReason;
  /** The provider's id of the operation, known once it answered. */
  readonly providerReference?: string;
  readonly createdAt: string;
  readonly settledAt?: string;
}

/** The provider's answer to a charge or refund request. NO_ANSWER is a timeout: the outcome is unknown. */
export type ProviderAnswer =
  | { readonly kind: 'APPROVED'; readonly reference: string }
  | { readonly kind: 'DECLINED'; readonly reason: Exclude<DeclineReason, 'PROVIDER_UNAVAILABLE'> }
  | { readonly kind: 'NO_ANSWER' };

/** What the provider says when asked later about a payment it may or may not have received. */
export type ProviderLookup =
  | Exclude<ProviderAnswer, { kind: 'NO_ANSWER' }>
  | { readonly kind: 'IN_PROGRESS' }
  | { readonly kind: 'NOT_RECEIVED' };

/** A PENDING payment is looked up at the provider once it has waited this long. */
export const RECONCILE_AFTER_MS = 60_000;

export function paymentRequestFingerprint(request: PaymentRequest): string {
  const purpose = request.purpose;
  const target = (() => {
    switch (purpose.kind) {
      case 'RENEWAL':
      case 'COVERAGE_CHANGE':
        return `quote=${purpose.quoteId}`;
      case 'INSTALMENT':
        return `instalment=${purpose.instalmentId}`;
      default: {
        const _exhaustive: never = purpose;
        return _exhaustive;
      }
    }
  })();
  return [
    purpose.kind,
    `policy=${purpose.policyId}`,
    target,
    `method=${request.paymentMethodId}`,
    `amount=${request.amount.minorUnits} ${request.amount.currency}`,
  ].join('|');
}

/**
 * Creates the PENDING record. Storage must insert it, under a unique (customerId, idempotencyKey)
 * index, before the provider is called: that insert is what stops two racing requests from both
 * charging (see idempotency.ts).
 */
export function startPayment(
  request: PaymentRequest,
  context: { now: () => Date; newId: () => string },
): Payment {
  if (request.amount.minorUnits === 0) throw new RangeError('a payment moves money; zero needs none');
  return {
    ...request,
    id: context.newId(),
    requestFingerprint: paymentRequestFingerprint(request),
    status: 'PENDING',
    createdAt: context.now().toISOString(),
  };
}

function settled(payment: Payment, update: Partial<Payment>, now: Date): Payment {
  return { ...payment, ...update, settledAt: now.toISOString() };
}

/**
 * PENDING → SUCCEEDED or DECLINED on the provider's answer; a timeout leaves it PENDING for
 * reconciliation. A settled payment never changes again: settling it with the same outcome is a
 * no-op (a retried callback), with another outcome a bug worth stopping on.
 */
export function recordProviderAnswer(payment: Payment, answer: ProviderAnswer, now: Date): Payment {
  switch (answer.kind) {
    case 'NO_ANSWER':
      return payment;
    case 'APPROVED':
      if (payment.status === 'SUCCEEDED' && payment.providerReference === answer.reference) return payment;
      assertPending(payment, answer.kind);
      return settled(payment, { status: 'SUCCEEDED', providerReference: answer.reference }, now);
    case 'DECLINED':
      if (payment.status === 'DECLINED' && payment.declineReason === answer.reason) return payment;
      assertPending(payment, answer.kind);
      return settled(payment, { status: 'DECLINED', declineReason: answer.reason }, now);
    default: {
      const _exhaustive: never = answer;
      return _exhaustive;
    }
  }
}

/**
 * Settles a PENDING payment from a later lookup. The provider never having received the request
 * means no money moved: the payment is DECLINED as PROVIDER_UNAVAILABLE and the customer may retry.
 */
export function reconcilePayment(payment: Payment, lookup: ProviderLookup, now: Date): Payment {
  switch (lookup.kind) {
    case 'IN_PROGRESS':
      return payment;
    case 'NOT_RECEIVED':
      if (payment.status === 'DECLINED' && payment.declineReason === 'PROVIDER_UNAVAILABLE') return payment;
      assertPending(payment, lookup.kind);
      return settled(payment, { status: 'DECLINED', declineReason: 'PROVIDER_UNAVAILABLE' }, now);
    case 'APPROVED':
    case 'DECLINED':
      return recordProviderAnswer(payment, lookup, now);
    default: {
      const _exhaustive: never = lookup;
      return _exhaustive;
    }
  }
}

function assertPending(payment: Payment, outcome: string): void {
  if (payment.status !== 'PENDING') {
    throw new RangeError(`payment ${payment.id} is already ${payment.status}; cannot record ${outcome}`);
  }
}
