import type { CalendarDate } from '@cabinet/kernel';
import {
  coverageLabel,
  instalmentStatusLabel,
  POLICY_STATUS_LABELS,
  PRODUCT_LABELS,
  renewalWindow,
  statusOn,
  type Coverage as DomainCoverage,
  type CoverageChangeQuote as DomainCoverageChangeQuote,
  type Instalment as DomainInstalment,
  type InsuredObject as DomainInsuredObject,
  type RenewalQuote as DomainRenewalQuote,
  type TariffCalculation as DomainTariff,
} from '../domain/index.ts';
import { describeInsuredObject } from '../insuredObjectText.ts';
import { holderFullName, type PolicyRecord } from '../policyRecord.ts';
import { moneyOf } from './money.type.ts';
import type {
  Coverage,
  Instalment,
  InsuredObject,
  InsuredPerson,
  Policy,
  TariffCalculation,
} from './policy.type.ts';
import type { CoverageChangeQuote, RenewalQuote } from './quote.type.ts';

const person = (
  p: { fullName: string; birthDate: string },
  licensedSince: string | null = null,
): InsuredPerson => ({
  fullName: p.fullName,
  birthDate: p.birthDate,
  licensedSince,
});

function insuredObjectOf(object: DomainInsuredObject): InsuredObject {
  const base: InsuredObject = {
    kind: object.kind,
    description: describeInsuredObject(object),
    vehicle: null,
    unlimitedDrivers: null,
    persons: [],
    address: null,
    beneficiaryBank: null,
    countries: [],
  };
  switch (object.kind) {
    case 'VEHICLE': {
      const { vin, plate, make, model, manufactureYear, enginePowerHp } = object.vehicle;
      const drivers = object.drivers;
      return {
        ...base,
        vehicle: { vin, plate, make, model, manufactureYear, enginePowerHp },
        unlimitedDrivers: drivers.kind === 'UNLIMITED',
        persons: drivers.kind === 'NAMED' ? drivers.drivers.map((d) => person(d, d.licensedSince)) : [],
      };
    }
    case 'PROPERTY':
      return { ...base, address: object.address, beneficiaryBank: object.beneficiaryBank ?? null };
    case 'PERSONS':
      return { ...base, persons: object.persons.map((p) => person(p)) };
    case 'TRAVELLERS':
      return { ...base, persons: object.persons.map((p) => person(p)), countries: [...object.countries] };
    default: {
      const _exhaustive: never = object;
      return _exhaustive;
    }
  }
}

export function coverageOf(coverage: DomainCoverage): Coverage {
  return {
    code: coverage.code,
    label: coverageLabel(coverage.code),
    sumInsured: moneyOf(coverage.sumInsured),
    deductible: moneyOf(coverage.deductible),
  };
}

export function instalmentOf(line: DomainInstalment): Instalment {
  return {
    id: line.id,
    kind: line.kind,
    dueOn: line.dueOn,
    amount: moneyOf(line.amount),
    status: line.status,
    statusLabel: instalmentStatusLabel(line),
    paidAt: line.paidAt ?? null,
  };
}

export function tariffOf(tariff: DomainTariff): TariffCalculation {
  return {
    premium: moneyOf(tariff.premium),
    components: tariff.components.map((c) => ({
      description: c.description,
      base: moneyOf(c.base),
      factors: c.factors.map((f) => ({ ...f })),
      amount: moneyOf(c.amount),
    })),
    notes: [...tariff.notes],
  };
}

/** The policy card as of `today`: a stored ACTIVE policy past its end already reads EXPIRED. */
export function toPolicy(record: PolicyRecord, today: CalendarDate): Policy {
  const status = statusOn(record, today);
  return {
    id: record.id,
    number: record.number,
    product: record.product,
    productLabel: PRODUCT_LABELS[record.product],
    status,
    statusLabel: POLICY_STATUS_LABELS[status],
    holder: { customerId: record.holderId, fullName: holderFullName(record) },
    insuredObject: insuredObjectOf(record.insuredObject),
    periodStart: record.period.startsOn,
    periodEnd: record.period.endsOn,
    termMonths: record.termMonths,
    coverages: record.coverages.map(coverageOf),
    premium: moneyOf(record.premium),
    tariff: tariffOf(record.tariff),
    instalments: record.instalments.map(instalmentOf),
    renewalWindow: renewalWindow(record),
    renewalOf: record.renewalOf ?? null,
    renewedBy: record.renewedBy ?? null,
    issuedAt: record.issuedAt,
    soldByPartnerId: record.soldByPartnerId,
  };
}

export function toRenewalQuote(quote: DomainRenewalQuote): RenewalQuote {
  return {
    id: quote.id,
    policyId: quote.policyId,
    termMonths: quote.termMonths,
    periodStart: quote.period.startsOn,
    periodEnd: quote.period.endsOn,
    coverages: quote.coverages.map(coverageOf),
    premium: moneyOf(quote.premium),
    tariff: tariffOf(quote.tariff),
    instalments: quote.instalments.map((line) => ({ dueOn: line.dueOn, amount: moneyOf(line.amount) })),
    amountDueNow: moneyOf(quote.amountDueNow),
    newContract: quote.newContract,
    expiresAt: quote.expiresAt,
  };
}

export function toCoverageChangeQuote(quote: DomainCoverageChangeQuote): CoverageChangeQuote {
  return {
    id: quote.id,
    policyId: quote.policyId,
    effectiveFrom: quote.effectiveFrom,
    remainingDays: quote.remainingDays,
    periodDays: quote.periodDays,
    coverages: quote.coverages.map(coverageOf),
    fullTermPremiumBefore: moneyOf(quote.fullTermPremiumBefore),
    fullTermPremiumAfter: moneyOf(quote.fullTermPremiumAfter),
    premiumDelta: moneyOf(quote.premiumDelta),
    amountDueNow: moneyOf(quote.amountDueNow),
    instalments: quote.instalments.map(instalmentOf),
    expiresAt: quote.expiresAt,
  };
}
