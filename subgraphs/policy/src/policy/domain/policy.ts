import { DomainError, type Money, compareDates, moscowDate, type CalendarDate } from '@cabinet/kernel';
import { assertCoverageAllowed, type Coverage } from './coverage.ts';
import {
  assertInstalmentCountAllowed,
  instalmentSchedule,
  markPaid,
  type Instalment,
} from './instalments.ts';
import { INSURED_OBJECT_KIND, type InsuredObject } from './insuredObject.ts';
import { isPolicyNumberOf } from './policyNumber.ts';
import type { PolicyStatus } from './policyStatus.ts';
import { periodOfMonths, type PolicyPeriod } from './period.ts';
import { PRODUCT_LABELS, PRODUCT_TERMS, type Product } from './product.ts';
import { priceTerm } from './tariffs/priceTerm.ts';
import type { TariffCalculation } from './tariffs/tariffCalculation.ts';

/**
 * A policy term as stored: a plain JSON-safe document (dates as ISO strings, money in minor units).
 * Every function that changes a policy returns a new one with `revision` + 1, so storage can use
 * the revision as the expected version of an optimistic write.
 */
export interface Policy {
  readonly id: string;
  readonly number: string;
  readonly product: Product;
  readonly status: PolicyStatus;
  /** The customer id of the policy holder (страхователь). */
  readonly holderId: string;
  readonly insuredObject: InsuredObject;
  readonly period: PolicyPeriod;
  readonly termMonths: number;
  readonly coverages: readonly Coverage[];
  /** The premium of the whole term, including any coverage-change adjustments. */
  readonly premium: Money;
  /** How the premium of the term was priced when it was issued. */
  readonly tariff: TariffCalculation;
  readonly instalments: readonly Instalment[];
  /** The policy this one continues, and the one that continues it. */
  readonly renewalOf?: string;
  readonly renewedBy?: string;
  readonly issuedAt: string;
  /** The day the contract was terminated early (расторжение); set with the CANCELLED status. */
  readonly cancelledOn?: CalendarDate;
  readonly revision: number;
}

export interface PolicyDraft {
  readonly number: string;
  readonly product: Product;
  readonly holderId: string;
  readonly insuredObject: InsuredObject;
  readonly startsOn: CalendarDate;
  readonly termMonths: number;
  readonly coverages: readonly Coverage[];
  readonly instalmentCount: number;
  readonly renewalOf?: string;
}

export interface DomainContext {
  readonly now: () => Date;
  readonly newId: () => string;
}

export function assertTermAllowed(product: Product, termMonths: number): void {
  const allowed = PRODUCT_TERMS[product].termMonths;
  if (!allowed.includes(termMonths)) {
    throw new DomainError(
      'TERM_NOT_ALLOWED',
      `Для продукта «${PRODUCT_LABELS[product]}» доступны сроки страхования, мес.: ${allowed.join(', ')}.`,
      { allowed },
    );
  }
}

function assertTermsConsistent(draft: PolicyDraft): void {
  if (!isPolicyNumberOf(draft.product, draft.number)) {
    throw new RangeError(`${draft.number} is not a ${draft.product} policy number`);
  }
  if (draft.insuredObject.kind !== INSURED_OBJECT_KIND[draft.product]) {
    throw new DomainError('INSURED_OBJECT_MISMATCH', 'Объект страхования не подходит для этого продукта.', {
      product: draft.product,
    });
  }
  const object = draft.insuredObject;
  if ((object.kind === 'PERSONS' || object.kind === 'TRAVELLERS') && object.persons.length === 0) {
    throw new DomainError('NO_INSURED_PERSONS', 'Укажите хотя бы одного застрахованного.', {
      field: 'persons',
    });
  }
  const codes = draft.coverages.map((c) => c.code);
  if (codes.length === 0 || new Set(codes).size !== codes.length) {
    throw new DomainError('INVALID_COVERAGES', 'Каждое покрытие указывается один раз, хотя бы одно.', {
      field: 'coverages',
    });
  }
  draft.coverages.forEach((coverage) => assertCoverageAllowed(draft.product, coverage));
}

/** Issues a priced policy term: a new contract, a renewal's next term, or a seeded record. */
export function issuePolicy(draft: PolicyDraft, context: DomainContext): Policy {
  assertTermAllowed(draft.product, draft.termMonths);
  assertInstalmentCountAllowed(draft.product, draft.termMonths, draft.instalmentCount);
  assertTermsConsistent(draft);
  const period = periodOfMonths(draft.startsOn, draft.termMonths);
  const tariff = priceTerm({ ...draft, period });
  return {
    id: context.newId(),
    number: draft.number,
    product: draft.product,
    status: 'ACTIVE',
    holderId: draft.holderId,
    insuredObject: draft.insuredObject,
    period,
    termMonths: draft.termMonths,
    coverages: draft.coverages,
    premium: tariff.premium,
    tariff,
    instalments: instalmentSchedule(
      tariff.premium,
      period,
      draft.termMonths,
      draft.instalmentCount,
      context.newId,
    ),
    ...(draft.renewalOf === undefined ? {} : { renewalOf: draft.renewalOf }),
    issuedAt: context.now().toISOString(),
    revision: 1,
  };
}

/**
 * The status as of a day. Stored ACTIVE or RENEWED turns EXPIRED after the last day of the
 * period; queries filtering by status should use this, or storage should sweep with expireIfEnded.
 */
export function statusOn(policy: Policy, today: CalendarDate): PolicyStatus {
  const ended = compareDates(today, policy.period.endsOn) > 0;
  if (ended && (policy.status === 'ACTIVE' || policy.status === 'SUSPENDED')) return 'EXPIRED';
  return policy.status;
}

export function expireIfEnded(policy: Policy, now: Date): Policy {
  const status = statusOn(policy, moscowDate(now));
  return status === policy.status ? policy : { ...policy, status, revision: policy.revision + 1 };
}

export function instalmentOf(policy: Policy, instalmentId: string): Instalment {
  const instalment = policy.instalments.find((i) => i.id === instalmentId);
  if (!instalment) {
    throw new DomainError('INSTALMENT_NOT_FOUND', 'Платёж по графику не найден.', { instalmentId });
  }
  return instalment;
}

/** What payInstalment may charge: a positive DUE instalment of a policy that is not cancelled. */
export function assertInstalmentPayable(policy: Policy, instalmentId: string): Instalment {
  const instalment = instalmentOf(policy, instalmentId);
  if (policy.status === 'CANCELLED') {
    throw new DomainError('POLICY_CANCELLED', 'Полис расторгнут: взносы по нему больше не принимаются.', {
      policyId: policy.id,
    });
  }
  if (instalment.status === 'PAID') {
    throw new DomainError('INSTALMENT_ALREADY_PAID', 'Этот взнос уже оплачен, повторно платить не нужно.', {
      instalmentId,
    });
  }
  if (instalment.amount.minorUnits <= 0) {
    throw new DomainError('INSTALMENT_NOT_PAYABLE', 'По этой строке графика оплата не требуется.', {
      instalmentId,
    });
  }
  return instalment;
}

/** Records a successful payment; paying an instalment already paid by the same payment is a no-op. */
export function recordInstalmentPaid(
  policy: Policy,
  instalmentId: string,
  paymentId: string,
  paidAt: Date,
): Policy {
  const instalment = instalmentOf(policy, instalmentId);
  if (instalment.status === 'PAID') {
    if (instalment.paymentId === paymentId) return policy;
    throw new DomainError('INSTALMENT_ALREADY_PAID', 'Этот взнос уже оплачен, повторно платить не нужно.', {
      instalmentId,
    });
  }
  return {
    ...policy,
    instalments: policy.instalments.map((i) => (i.id === instalmentId ? markPaid(i, paymentId, paidAt) : i)),
    revision: policy.revision + 1,
  };
}
