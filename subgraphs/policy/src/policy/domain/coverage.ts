import {
  compare,
  type Currency,
  DomainError,
  equals,
  euros,
  formatForPeople,
  isNegative,
  type Money,
  rubles,
  toApiMoney,
  zero,
} from '@cabinet/kernel';
import type { Product } from './product.ts';

export const COVERAGE_CODES = [
  'OSAGO_PROPERTY',
  'OSAGO_LIFE_HEALTH',
  'KASKO_DAMAGE_THEFT',
  'PROPERTY_STRUCTURE',
  'PROPERTY_FINISHING',
  'PROPERTY_BELONGINGS',
  'PROPERTY_LIABILITY',
  'MORTGAGE_PROPERTY',
  'MORTGAGE_LIFE',
  'MORTGAGE_TITLE',
  'DMS_OUTPATIENT',
  'DMS_INPATIENT',
  'DMS_DENTAL',
  'TRAVEL_MEDICAL',
  'ACCIDENT_DEATH_DISABILITY',
  'ACCIDENT_TRAUMA',
] as const;
export type CoverageCode = (typeof COVERAGE_CODES)[number];

/** Sums are per insured person for ДМС, НС and ВЗР, and for the whole object otherwise. */
export interface Coverage {
  readonly code: CoverageCode;
  readonly sumInsured: Money;
  /** Франшиза: the part of each loss the customer bears; zero when there is none. */
  readonly deductible: Money;
}

interface CoverageRule {
  readonly product: Product;
  readonly label: string;
  readonly currency: Currency;
  readonly minimumSum: Money;
  readonly maximumSum: Money;
  /** When set, the sum must be one of these (ВЗР medical limits are sold as fixed options). */
  readonly allowedSums?: readonly Money[];
  readonly maximumDeductible: Money;
  /** Set by law (ОСАГО, 40-ФЗ art. 7): neither a customer nor the insurer can change it. */
  readonly fixedByLaw: boolean;
}

function range(
  product: Product,
  label: string,
  minimumSum: Money,
  maximumSum: Money,
  maximumDeductible: Money = zero(minimumSum.currency),
): CoverageRule {
  return {
    product,
    label,
    currency: minimumSum.currency,
    minimumSum,
    maximumSum,
    maximumDeductible,
    fixedByLaw: false,
  };
}

function fixedByLaw(label: string, sum: Money): CoverageRule {
  return {
    product: 'OSAGO',
    label,
    currency: sum.currency,
    minimumSum: sum,
    maximumSum: sum,
    maximumDeductible: zero(sum.currency),
    fixedByLaw: true,
  };
}

/** Limits are our insurer's underwriting rules, except the ОСАГО sums, which are the law's. */
export const COVERAGE_RULES: Readonly<Record<CoverageCode, CoverageRule>> = {
  OSAGO_PROPERTY: fixedByLaw('Вред имуществу потерпевших', rubles(400_000)),
  OSAGO_LIFE_HEALTH: fixedByLaw('Вред жизни и здоровью потерпевших', rubles(500_000)),
  KASKO_DAMAGE_THEFT: range('KASKO', 'Ущерб и хищение', rubles(100_000), rubles(30_000_000), rubles(100_000)),
  PROPERTY_STRUCTURE: range('PROPERTY', 'Конструктив', rubles(300_000), rubles(50_000_000)),
  PROPERTY_FINISHING: range(
    'PROPERTY',
    'Внутренняя отделка и инженерное оборудование',
    rubles(50_000),
    rubles(10_000_000),
  ),
  PROPERTY_BELONGINGS: range('PROPERTY', 'Домашнее имущество', rubles(50_000), rubles(5_000_000)),
  PROPERTY_LIABILITY: range(
    'PROPERTY',
    'Гражданская ответственность перед соседями',
    rubles(100_000),
    rubles(3_000_000),
  ),
  MORTGAGE_PROPERTY: range('MORTGAGE', 'Имущество (залог)', rubles(300_000), rubles(100_000_000)),
  MORTGAGE_LIFE: range('MORTGAGE', 'Жизнь и здоровье заёмщика', rubles(300_000), rubles(100_000_000)),
  MORTGAGE_TITLE: range('MORTGAGE', 'Титул (право собственности)', rubles(300_000), rubles(100_000_000)),
  DMS_OUTPATIENT: range('DMS', 'Амбулаторно-поликлиническая помощь', rubles(100_000), rubles(5_000_000)),
  DMS_INPATIENT: range('DMS', 'Стационарная помощь', rubles(100_000), rubles(10_000_000)),
  DMS_DENTAL: range('DMS', 'Стоматология', rubles(30_000), rubles(500_000)),
  TRAVEL_MEDICAL: {
    ...range('TRAVEL', 'Медицинские расходы за рубежом', euros(30_000), euros(100_000)),
    allowedSums: [euros(30_000), euros(50_000), euros(100_000)],
  },
  ACCIDENT_DEATH_DISABILITY: range(
    'ACCIDENT',
    'Смерть и инвалидность в результате НС',
    rubles(100_000),
    rubles(10_000_000),
  ),
  ACCIDENT_TRAUMA: range('ACCIDENT', 'Травма', rubles(50_000), rubles(3_000_000)),
};

export function coverageLabel(code: CoverageCode): string {
  return COVERAGE_RULES[code].label;
}

/**
 * Throws the DomainError a customer can act on when a coverage breaks a rule of its product:
 * COVERAGE_NOT_AVAILABLE, COVERAGE_FIXED_BY_LAW, COVERAGE_SUM_OUT_OF_RANGE, DEDUCTIBLE_OUT_OF_RANGE.
 */
export function assertCoverageAllowed(product: Product, coverage: Coverage): void {
  const rule = COVERAGE_RULES[coverage.code];
  const details = { coverage: coverage.code };
  if (rule.product !== product) {
    throw new DomainError(
      'COVERAGE_NOT_AVAILABLE',
      `Покрытие «${rule.label}» не входит в этот продукт.`,
      details,
    );
  }
  if (coverage.sumInsured.currency !== rule.currency || coverage.deductible.currency !== rule.currency) {
    throw new DomainError(
      'COVERAGE_SUM_OUT_OF_RANGE',
      `Страховая сумма по покрытию «${rule.label}» указывается в валюте ${rule.currency}.`,
      details,
    );
  }
  if (rule.fixedByLaw) {
    if (
      !equals(coverage.sumInsured, rule.minimumSum) ||
      !equals(coverage.deductible, rule.maximumDeductible)
    ) {
      throw new DomainError(
        'COVERAGE_FIXED_BY_LAW',
        `Страховая сумма ОСАГО установлена законом (ст. 7 40-ФЗ): «${rule.label}» — ${formatForPeople(rule.minimumSum)}. Её нельзя изменить.`,
        details,
      );
    }
    return;
  }
  const outOfRange =
    compare(coverage.sumInsured, rule.minimumSum) < 0 || compare(coverage.sumInsured, rule.maximumSum) > 0;
  const notAnOption =
    rule.allowedSums !== undefined && !rule.allowedSums.some((s) => equals(s, coverage.sumInsured));
  if (outOfRange || notAnOption) {
    const choice = rule.allowedSums
      ? `одна из сумм: ${rule.allowedSums.map(formatForPeople).join(', ')}`
      : `от ${formatForPeople(rule.minimumSum)} до ${formatForPeople(rule.maximumSum)}`;
    throw new DomainError(
      'COVERAGE_SUM_OUT_OF_RANGE',
      `Страховая сумма по покрытию «${rule.label}» должна быть ${choice}.`,
      { ...details, minimum: toApiMoney(rule.minimumSum), maximum: toApiMoney(rule.maximumSum) },
    );
  }
  if (
    isNegative(coverage.deductible) ||
    compare(coverage.deductible, rule.maximumDeductible) > 0 ||
    compare(coverage.deductible, coverage.sumInsured) >= 0
  ) {
    const message =
      rule.maximumDeductible.minorUnits === 0
        ? `По покрытию «${rule.label}» франшиза не предусмотрена.`
        : `Франшиза по покрытию «${rule.label}» может быть от 0 до ${formatForPeople(rule.maximumDeductible)}.`;
    throw new DomainError('DEDUCTIBLE_OUT_OF_RANGE', message, {
      ...details,
      maximum: toApiMoney(rule.maximumDeductible),
    });
  }
}
