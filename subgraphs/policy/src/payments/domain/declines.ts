import { DomainError, type ErrorCode } from '@cabinet/kernel';

export const DECLINE_REASONS = ['INSUFFICIENT_FUNDS', 'DECLINED_BY_BANK', 'PROVIDER_UNAVAILABLE'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** Each decline tells the customer what to do next; the code is what a frontend switches on. */
const DECLINES: Readonly<Record<DeclineReason, { code: ErrorCode; message: string }>> = {
  INSUFFICIENT_FUNDS: {
    code: 'INSUFFICIENT_FUNDS',
    message: 'Недостаточно средств на карте. Пополните карту или выберите другую и повторите оплату.',
  },
  DECLINED_BY_BANK: {
    code: 'CARD_DECLINED_BY_BANK',
    message:
      'Банк, выпустивший карту, отклонил платёж. Позвоните в банк по номеру на обороте карты или оплатите другой картой.',
  },
  PROVIDER_UNAVAILABLE: {
    code: 'PAYMENT_PROVIDER_UNAVAILABLE',
    message: 'Платёжный сервис не ответил, деньги не списаны. Повторите оплату через несколько минут.',
  },
};

export function declineError(reason: DeclineReason, paymentId: string): DomainError {
  const decline = DECLINES[reason];
  return new DomainError(decline.code, decline.message, { paymentId, reason });
}

/** Shown while a payment waits for reconciliation after the provider timed out. */
export const PAYMENT_PENDING_NOTICE =
  'Платёж обрабатывается. Мы сообщим результат, как только банк его подтвердит; повторно оплачивать не нужно.';
