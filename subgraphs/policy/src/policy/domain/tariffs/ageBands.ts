import { fullYearsBetween, type CalendarDate } from '@cabinet/kernel';

export interface AgeBand<T> {
  /** Full years on the first day of the term, inclusive. */
  readonly fromAge: number;
  readonly label: string;
  readonly value: T;
}

/** The band a person falls in on the first day of the term; bands are listed youngest first. */
export function ageBandOf<T>(
  bands: readonly AgeBand<T>[],
  birthDate: CalendarDate,
  on: CalendarDate,
): AgeBand<T> {
  const age = fullYearsBetween(birthDate, on);
  const band = bands.filter((b) => age >= b.fromAge).at(-1);
  if (!band) throw new RangeError(`no age band for age ${age}`);
  return band;
}
