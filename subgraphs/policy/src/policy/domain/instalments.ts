import { DomainError, type Money, splitEvenly, addMonths, type CalendarDate } from '@cabinet/kernel';
import type { PolicyPeriod } from './period.ts';
import { PRODUCT_TERMS, PRODUCT_LABELS, type Product } from './product.ts';

/**
 * One line of a premium schedule. REGULAR instalments split the premium of the term; an ADJUSTMENT
 * is the money a coverage change moved: positive when the customer paid extra, negative when the
 * insurer refunded. PAID means settled either way.
 */
export interface Instalment {
  readonly id: string;
  readonly kind: 'REGULAR' | 'ADJUSTMENT';
  readonly dueOn: CalendarDate;
  readonly amount: Money;
  readonly status: 'DUE' | 'PAID';
  readonly paidAt?: string;
  readonly paymentId?: string;
}

export function instalmentStatusLabel(instalment: Instalment): string {
  if (instalment.status === 'DUE') return 'к оплате';
  return instalment.amount.minorUnits < 0 ? 'возвращено' : 'оплачено';
}

export function assertInstalmentCountAllowed(product: Product, termMonths: number, count: number): void {
  const allowed = PRODUCT_TERMS[product].instalmentCounts.filter((n) => termMonths % n === 0);
  if (!allowed.includes(count)) {
    throw new DomainError(
      'INSTALMENTS_NOT_ALLOWED',
      `${PRODUCT_LABELS[product]} на ${termMonths} мес. можно оплатить платежами в количестве: ${allowed.join(', ')}.`,
      { allowed },
    );
  }
}

/**
 * Equal instalments at equal month intervals from the first day of the period; odd kopecks go on
 * the first one (see splitEvenly).
 */
export function instalmentSchedule(
  premium: Money,
  period: PolicyPeriod,
  termMonths: number,
  count: number,
  newId: () => string,
): Instalment[] {
  const monthsApart = termMonths / count;
  return splitEvenly(premium, count).map((amount, index) => ({
    id: newId(),
    kind: 'REGULAR',
    dueOn: addMonths(period.startsOn, index * monthsApart),
    amount,
    status: 'DUE',
  }));
}

export function markPaid(instalment: Instalment, paymentId: string, paidAt: Date): Instalment {
  return { ...instalment, status: 'PAID', paymentId, paidAt: paidAt.toISOString() };
}
