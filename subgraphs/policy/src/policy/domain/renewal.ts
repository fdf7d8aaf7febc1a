import {
  DomainError,
  type Money,
  addDays,
  compareDates,
  formatRussianDate,
  laterOf,
  moscowDate,
  type CalendarDate,
} from '@cabinet/kernel';
import type { Coverage } from './coverage.ts';
import type { Instalment } from './instalments.ts';
import { issuePolicy, type DomainContext, type Policy, assertTermAllowed } from './policy.ts';
import { isPolicyNumberOf } from './policyNumber.ts';
import type { PolicyPeriod } from './period.ts';
import { PRODUCT_TERMS } from './product.ts';
import { assertQuoteMatches, quoteValidity, type QuoteValidity } from './quote.ts';
import type { TariffCalculation } from './tariffs/tariffCalculation.ts';

/** Renewal opens 60 days before the last day of the period and closes 30 days after it. */
export const RENEWAL_OPENS_DAYS_BEFORE_END = 60;
export const RENEWAL_CLOSES_DAYS_AFTER_END = 30;

export interface RenewalWindow {
  readonly opensOn: CalendarDate;
  readonly closesOn: CalendarDate;
}

export function renewalWindow(policy: Pick<Policy, 'period'>): RenewalWindow {
  return {
    opensOn: addDays(policy.period.endsOn, -RENEWAL_OPENS_DAYS_BEFORE_END),
    closesOn: addDays(policy.period.endsOn, RENEWAL_CLOSES_DAYS_AFTER_END),
  };
}

export interface RenewalQuote extends QuoteValidity {
  readonly kind: 'RENEWAL';
  readonly termMonths: number;
  readonly period: PolicyPeriod;
  readonly coverages: readonly Coverage[];
  readonly premium: Money;
  readonly tariff: TariffCalculation;
  /** The schedule of the new term; the first instalment is what renewPolicy charges. */
  readonly instalments: readonly Pick<Instalment, 'dueOn' | 'amount'>[];
  readonly amountDueNow: Money;
  /** ОСАГО: the next term is a new contract with a new number (an e-ОСАГО series number). */
  readonly newContract: boolean;
}

function assertRenewable(policy: Policy, today: CalendarDate): void {
  if (policy.status === 'RENEWED' || policy.renewedBy !== undefined) {
    throw new DomainError('POLICY_ALREADY_RENEWED', 'Полис уже продлён.', { renewedBy: policy.renewedBy });
  }
  if (policy.status === 'CANCELLED' || policy.status === 'SUSPENDED') {
    throw new DomainError(
      'RENEWAL_NOT_AVAILABLE',
      policy.status === 'CANCELLED'
        ? 'Расторгнутый полис продлить нельзя. Оформите новый полис.'
        : 'Действие полиса приостановлено. Возобновите его, чтобы продлить.',
      { status: policy.status },
    );
  }
  const window = renewalWindow(policy);
  if (compareDates(today, window.opensOn) < 0 || compareDates(today, window.closesOn) > 0) {
    throw new DomainError(
      'RENEWAL_NOT_AVAILABLE',
      `Продление этого полиса доступно с ${formatRussianDate(window.opensOn)} по ${formatRussianDate(window.closesOn)}: за 60 дней до окончания и в течение 30 дней после.`,
      { availableFrom: window.opensOn, availableUntil: window.closesOn },
    );
  }
}

/** The next term starts the day after this one ends, or as soon as the product allows if that is past. */
export function renewalStart(policy: Policy, today: CalendarDate): CalendarDate {
  return laterOf(
    addDays(policy.period.endsOn, 1),
    addDays(today, PRODUCT_TERMS[policy.product].startLeadDays),
  );
}

/** The instalment count carries over when the new term allows it; otherwise one payment. */
function instalmentCountFor(policy: Policy, termMonths: number): number {
  const count = policy.instalments.filter((i) => i.kind === 'REGULAR').length;
  const allowed = PRODUCT_TERMS[policy.product].instalmentCounts;
  return allowed.includes(count) && termMonths % count === 0 ? count : 1;
}

/**
 * Prices the next term with the policy's current object and coverages on the tariff of the day.
 * Throws RENEWAL_NOT_AVAILABLE outside the window, TERM_NOT_ALLOWED, POLICY_ALREADY_RENEWED.
 */
export function quoteRenewal(policy: Policy, termMonths: number, context: DomainContext): RenewalQuote {
  const today = moscowDate(context.now());
  assertRenewable(policy, today);
  assertTermAllowed(policy.product, termMonths);
  const next = nextTerm(policy, termMonths, today, context);
  const [first] = next.instalments;
  if (!first) throw new RangeError('a term has at least one instalment');
  return {
    ...quoteValidity(policy.id, policy.revision, context),
    kind: 'RENEWAL',
    termMonths,
    period: next.period,
    coverages: next.coverages,
    premium: next.premium,
    tariff: next.tariff,
    instalments: next.instalments.map(({ dueOn, amount }) => ({ dueOn, amount })),
    amountDueNow: first.amount,
    newContract: policy.product === 'OSAGO',
  };
}

function nextTerm(policy: Policy, termMonths: number, today: CalendarDate, context: DomainContext): Policy {
  return issuePolicy(
    {
      number: policy.number,
      product: policy.product,
      holderId: policy.holderId,
      insuredObject: policy.insuredObject,
      startsOn: renewalStart(policy, today),
      termMonths,
      coverages: policy.coverages,
      instalmentCount: instalmentCountFor(policy, termMonths),
      renewalOf: policy.id,
    },
    context,
  );
}

export interface RenewalOutcome {
  /** The term that was renewed: status RENEWED, linked to its successor. */
  readonly renewed: Policy;
  /** The next term: ACTIVE, its first instalment paid by the renewal payment. */
  readonly successor: Policy;
}

/**
 * Applies a paid renewal quote: the customer gets exactly what was quoted, even if the tariff has
 * changed since. `successorNumber` is a new e-ОСАГО number for ОСАГО (osagoPolicyNumber with the
 * next sequence) and prolongedPolicyNumber(policy.number) for the other products.
 */
export function applyRenewal(
  policy: Policy,
  quote: RenewalQuote,
  payment: { readonly paymentId: string; readonly successorNumber: string },
  context: DomainContext,
): RenewalOutcome {
  assertQuoteMatches(quote, policy);
  if (policy.status === 'RENEWED' || policy.renewedBy !== undefined) {
    throw new DomainError('POLICY_ALREADY_RENEWED', 'Полис уже продлён.', { renewedBy: policy.renewedBy });
  }
  const keepsNumber = payment.successorNumber === policy.number;
  if (!isPolicyNumberOf(policy.product, payment.successorNumber) || keepsNumber) {
    throw new RangeError(`${payment.successorNumber} cannot number the renewal of ${policy.number}`);
  }
  const now = context.now();
  const successor: Policy = {
    id: context.newId(),
    number: payment.successorNumber,
    product: policy.product,
    status: 'ACTIVE',
    holderId: policy.holderId,
    insuredObject: policy.insuredObject,
    period: quote.period,
    termMonths: quote.termMonths,
    coverages: quote.coverages,
    premium: quote.premium,
    tariff: quote.tariff,
    instalments: quote.instalments.map(({ dueOn, amount }, index) => ({
      id: context.newId(),
      kind: 'REGULAR',
      dueOn,
      amount,
      ...(index === 0
        ? { status: 'PAID', paymentId: payment.paymentId, paidAt: now.toISOString() }
        : { status: 'DUE' }),
    })),
    renewalOf: policy.id,
    issuedAt: now.toISOString(),
    revision: 1,
  };
  return {
    renewed: { ...policy, status: 'RENEWED', renewedBy: successor.id, revision: policy.revision + 1 },
    successor,
  };
}
