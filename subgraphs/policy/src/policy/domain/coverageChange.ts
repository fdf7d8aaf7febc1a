import {
  add,
  DomainError,
  equals,
  isZero,
  money,
  type Money,
  multiply,
  ratio,
  subtract,
  zero,
  addDays,
  daysBetween,
  laterOf,
  moscowDate,
  compareDates,
  type CalendarDate,
} from '@cabinet/kernel';
import { assertCoverageAllowed, coverageLabel, type Coverage, type CoverageCode } from './coverage.ts';
import type { Instalment } from './instalments.ts';
import type { DomainContext, Policy } from './policy.ts';
import { periodDays } from './period.ts';
import { assertQuoteMatches, quoteValidity, type QuoteValidity } from './quote.ts';
import { priceTerm } from './tariffs/priceTerm.ts';

export interface CoverageChangeRequest {
  readonly code: CoverageCode;
  readonly sumInsured: Money;
  /** Omitted: the deductible stays as it is. */
  readonly deductible?: Money;
}

/**
 * The price of a change of sums insured for the rest of the period.
 *
 * Day count: the change takes effect the day after it is quoted (or on the first day of a period
 * that has not started), and the share is remainingDays / periodDays, both counting days inclusive
 * of the first and last (a year from 1 February has 365 or 366 days). premiumDelta is
 * (full-term premium with the new sums − full-term premium with the old sums, both priced now from
 * the same inputs) × that share, rounded once. It is negative when sums go down.
 *
 * Schedule: a positive delta is charged at confirmation as an ADJUSTMENT line. A negative delta is
 * first taken off the unpaid instalments, latest first (a line reduced to zero disappears), and only
 * what is left is refunded at confirmation as a negative ADJUSTMENT line. amountDueNow is what the
 * confirmation charges (> 0) or refunds (< 0).
 */
export interface CoverageChangeQuote extends QuoteValidity {
  readonly kind: 'COVERAGE_CHANGE';
  readonly effectiveFrom: CalendarDate;
  readonly remainingDays: number;
  readonly periodDays: number;
  readonly coverages: readonly Coverage[];
  readonly fullTermPremiumBefore: Money;
  readonly fullTermPremiumAfter: Money;
  readonly premiumDelta: Money;
  readonly amountDueNow: Money;
  /** The schedule once the change is confirmed; the ADJUSTMENT line, if any, is settled then. */
  readonly instalments: readonly Instalment[];
}

function notAvailable(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('COVERAGE_CHANGE_NOT_AVAILABLE', message, details);
}

function changedCoverages(policy: Policy, changes: readonly CoverageChangeRequest[]): Coverage[] {
  if (policy.product === 'OSAGO') {
    throw new DomainError(
      'COVERAGE_FIXED_BY_LAW',
      'Страховые суммы ОСАГО установлены законом (ст. 7 40-ФЗ): 400 000 ₽ за вред имуществу и 500 000 ₽ за вред жизни и здоровью. Их нельзя изменить.',
      { product: policy.product },
    );
  }
  const codes = changes.map((c) => c.code);
  if (codes.length === 0 || new Set(codes).size !== codes.length) {
    throw new DomainError('INVALID_COVERAGES', 'Укажите изменения, по одному на каждое покрытие.', {
      field: 'changes',
    });
  }
  const unknown = codes.find((code) => !policy.coverages.some((c) => c.code === code));
  if (unknown !== undefined) {
    throw new DomainError(
      'COVERAGE_NOT_ON_POLICY',
      `Покрытия «${coverageLabel(unknown)}» нет в полисе: изменить можно только суммы действующих покрытий.`,
      { coverage: unknown },
    );
  }
  const coverages = policy.coverages.map((coverage) => {
    const change = changes.find((c) => c.code === coverage.code);
    if (!change) return coverage;
    return {
      ...coverage,
      sumInsured: change.sumInsured,
      deductible: change.deductible ?? coverage.deductible,
    };
  });
  coverages.forEach((coverage) => assertCoverageAllowed(policy.product, coverage));
  const unchanged = coverages.every(
    (c, i) =>
      equals(c.sumInsured, policy.coverages[i]!.sumInsured) &&
      equals(c.deductible, policy.coverages[i]!.deductible),
  );
  if (unchanged) {
    throw new DomainError('NO_COVERAGE_CHANGE', 'Новые суммы совпадают с действующими: менять нечего.', {});
  }
  return coverages;
}

/** Takes a refund off unpaid instalments, latest first; returns the new lines and what is left over. */
function offsetAgainstUnpaid(
  instalments: readonly Instalment[],
  refund: Money,
): { lines: Instalment[]; left: Money } {
  let left = refund.minorUnits;
  const lines = [...instalments];
  for (let i = lines.length - 1; i >= 0 && left > 0; i -= 1) {
    const line = lines[i]!;
    if (line.status !== 'DUE' || line.amount.minorUnits <= 0) continue;
    const taken = Math.min(left, line.amount.minorUnits);
    left -= taken;
    lines[i] = { ...line, amount: money(line.amount.minorUnits - taken, line.amount.currency) };
  }
  return {
    lines: lines.filter((line) => line.status !== 'DUE' || !isZero(line.amount)),
    left: money(left, refund.currency),
  };
}

export function quoteCoverageChange(
  policy: Policy,
  changes: readonly CoverageChangeRequest[],
  context: DomainContext,
): CoverageChangeQuote {
  const today = moscowDate(context.now());
  if (policy.status !== 'ACTIVE') {
    throw notAvailable('Изменить суммы можно только в действующем полисе.', { status: policy.status });
  }
  const effectiveFrom = laterOf(addDays(today, 1), policy.period.startsOn);
  if (compareDates(effectiveFrom, policy.period.endsOn) > 0) {
    throw notAvailable(
      'Срок действия полиса заканчивается: изменения вступили бы в силу уже после его окончания.',
      {
        endsOn: policy.period.endsOn,
      },
    );
  }
  const coverages = changedCoverages(policy, changes);
  const before = priceTerm({ ...policy, coverages: policy.coverages }).premium;
  const after = priceTerm({ ...policy, coverages }).premium;
  const remainingDays = daysBetween(effectiveFrom, policy.period.endsOn) + 1;
  const totalDays = periodDays(policy.period);
  const premiumDelta = multiply(subtract(after, before), ratio(remainingDays, totalDays));
  const currency = policy.premium.currency;

  let instalments: Instalment[] = [...policy.instalments];
  let amountDueNow = zero(currency);
  if (premiumDelta.minorUnits < 0) {
    const offset = offsetAgainstUnpaid(policy.instalments, money(-premiumDelta.minorUnits, currency));
    instalments = offset.lines;
    amountDueNow = money(-offset.left.minorUnits, currency);
  } else {
    amountDueNow = premiumDelta;
  }
  if (!isZero(amountDueNow)) {
    instalments.push({
      id: context.newId(),
      kind: 'ADJUSTMENT',
      dueOn: today,
      amount: amountDueNow,
      status: 'DUE',
    });
  }
  return {
    ...quoteValidity(policy.id, policy.revision, context),
    kind: 'COVERAGE_CHANGE',
    effectiveFrom,
    remainingDays,
    periodDays: totalDays,
    coverages,
    fullTermPremiumBefore: before,
    fullTermPremiumAfter: after,
    premiumDelta,
    amountDueNow,
    instalments,
  };
}

/**
 * Applies a confirmed change. `paymentId` is the successful charge or refund of amountDueNow and is
 * required unless amountDueNow is zero.
 */
export function applyCoverageChange(
  policy: Policy,
  quote: CoverageChangeQuote,
  settlement: { readonly paymentId?: string },
  context: Pick<DomainContext, 'now'>,
): Policy {
  assertQuoteMatches(quote, policy);
  if (policy.status !== 'ACTIVE') {
    throw notAvailable('Изменить суммы можно только в действующем полисе.', { status: policy.status });
  }
  if (!isZero(quote.amountDueNow) && settlement.paymentId === undefined) {
    throw new RangeError(
      `coverage change ${quote.id} needs the payment that settled ${quote.amountDueNow.minorUnits}`,
    );
  }
  const paidAt = context.now().toISOString();
  return {
    ...policy,
    coverages: quote.coverages,
    premium: add(policy.premium, quote.premiumDelta),
    instalments: quote.instalments.map((line) =>
      line.kind === 'ADJUSTMENT' && line.status === 'DUE' && settlement.paymentId !== undefined
        ? { ...line, status: 'PAID', paymentId: settlement.paymentId, paidAt }
        : line,
    ),
    revision: policy.revision + 1,
  };
}
