import { factor, multiply, sum, type Factor, type Money } from '@cabinet/kernel';

/** One multiplier as a premium breakdown shows it: "КТ", "Коэффициент территории", "1.87". */
export interface AppliedFactor {
  readonly code: string;
  readonly label: string;
  readonly value: string;
}

/** base × factors, rounded once to the kopeck. */
export interface PremiumComponent {
  readonly description: string;
  readonly base: Money;
  readonly factors: readonly AppliedFactor[];
  readonly amount: Money;
}

/** The premium is the sum of its components; notes explain anything that is not a plain product. */
export interface TariffCalculation {
  readonly premium: Money;
  readonly components: readonly PremiumComponent[];
  readonly notes: readonly string[];
}

export interface NamedFactor {
  readonly code: string;
  readonly label: string;
  readonly factor: Factor;
}

export function component(
  description: string,
  base: Money,
  factors: readonly NamedFactor[],
): PremiumComponent {
  return {
    description,
    base,
    factors: factors.map(({ code, label, factor }) => ({ code, label, value: factor.text })),
    amount: multiply(base, ...factors.map((f) => f.factor)),
  };
}

export function calculation(
  components: readonly PremiumComponent[],
  notes: readonly string[] = [],
): TariffCalculation {
  const first = components[0];
  if (!first) throw new RangeError('a premium needs at least one component');
  return {
    premium: sum(
      components.map((c) => c.amount),
      first.amount.currency,
    ),
    components,
    notes,
  };
}

/** A yearly rate written as people read it: rate('4.5', '%') or rate('2', '‰'). */
export function rate(decimal: string, unit: '%' | '‰'): Factor {
  const base = factor(decimal);
  return {
    ...base,
    denominator: base.denominator * (unit === '%' ? 100n : 1000n),
    text: `${decimal} ${unit}`,
  };
}
