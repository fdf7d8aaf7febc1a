import { rubles } from '@cabinet/kernel';

/**
 * ОСАГО tariff data: Указание Банка России от 08.12.2021 № 6007-У «О страховых тарифах по
 * обязательному страхованию гражданской ответственности владельцев транспортных средств», in force
 * from 09.01.2022, with its bonus-malus scale applying from 01.04.2022 and the base-rate corridor
 * as widened from 20.09.2022. Only the case this cabinet sells is modelled: a passenger car
 * (category «B», «BE») owned by a private person, registered in Russia, not a taxi.
 *
 * Sourcing, so that a reviewer knows what to check against the official text before production:
 * - КБМ scale and КМ: the published figures; they match an independent public calculator's data.
 * - КВС (8 × 8 age/experience table), КО and КС: as republished for 6007-У by third parties; not
 *   checked against the official text here.
 * - ТБ: our insurer's own base rate, chosen inside the corridor (1 646–7 535 ₽) near its top, as
 *   most insurers priced in 2024–2025.
 * - КТ: a short list of territories with values chosen by us, realistic for the appendix's range;
 *   they are not transcribed from the appendix. Every other place uses OTHER.
 */
export const OSAGO_TARIFF_SOURCE = 'Указание Банка России № 6007-У от 08.12.2021 (ред. от 20.09.2022)';
export const OSAGO_TARIFF_APPLIES_FROM = '2022-09-20';

export const OSAGO_BASE_RATE = rubles(6_800);
export const OSAGO_BASE_RATE_CORRIDOR = { minimum: rubles(1_646), maximum: rubles(7_535) } as const;

export const OSAGO_TERRITORIES = [
  'MOSCOW',
  'MOSCOW_REGION',
  'SAINT_PETERSBURG',
  'LENINGRAD_REGION',
  'KAZAN',
  'YEKATERINBURG',
  'NOVOSIBIRSK',
  'KRASNODAR',
  'NIZHNY_NOVGOROD',
  'OTHER',
] as const;
export type OsagoTerritory = (typeof OSAGO_TERRITORIES)[number];

export const OSAGO_TERRITORY_COEFFICIENTS: Readonly<Record<OsagoTerritory, { label: string; kt: string }>> = {
  MOSCOW: { label: 'Москва', kt: '1.87' },
  MOSCOW_REGION: { label: 'Московская область', kt: '1.56' },
  SAINT_PETERSBURG: { label: 'Санкт-Петербург', kt: '1.64' },
  LENINGRAD_REGION: { label: 'Ленинградская область', kt: '1.32' },
  KAZAN: { label: 'Казань', kt: '1.52' },
  YEKATERINBURG: { label: 'Екатеринбург', kt: '1.68' },
  NOVOSIBIRSK: { label: 'Новосибирск', kt: '1.56' },
  KRASNODAR: { label: 'Краснодар', kt: '1.43' },
  NIZHNY_NOVGOROD: { label: 'Нижний Новгород', kt: '1.49' },
  OTHER: { label: 'Прочие населённые пункты', kt: '1.00' },
};

export const KBM_CLASSES = [
  'M',
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  '12',
  '13',
] as const;
export type KbmClass = (typeof KBM_CLASSES)[number];

/** A driver with no history starts in class 3 (КБМ 1.17). */
export const KBM_STARTING_CLASS: KbmClass = '3';
export const KBM_BY_CLASS: Readonly<Record<KbmClass, string>> = {
  M: '3.92',
  '0': '2.94',
  '1': '2.25',
  '2': '1.76',
  '3': '1.17',
  '4': '1',
  '5': '0.91',
  '6': '0.83',
  '7': '0.78',
  '8': '0.74',
  '9': '0.68',
  '10': '0.63',
  '11': '0.57',
  '12': '0.52',
  '13': '0.46',
};

/** Lower bounds, in full years, of the КВС bands; the last band is open-ended. */
export const KVS_AGE_BANDS = [16, 22, 25, 30, 35, 40, 50, 60] as const;
export const KVS_EXPERIENCE_BANDS = [0, 1, 2, 3, 5, 7, 10, 15] as const;
/**
 * Rows are age bands, columns experience bands. null marks combinations that cannot exist once a
 * licence is at least 16 years old (a 21-year-old cannot have 7 years of experience).
 */
export const KVS_TABLE: ReadonlyArray<ReadonlyArray<string | null>> = [
  ['2.27', '1.92', '1.84', '1.65', '1.62', null, null, null],
  ['1.88', '1.72', '1.71', '1.13', '1.1', '1.09', null, null],
  ['1.72', '1.6', '1.54', '1.09', '1.08', '1.07', '1.02', null],
  ['1.56', '1.5', '1.48', '1.05', '1.04', '1.01', '0.97', '0.95'],
  ['1.54', '1.47', '1.46', '1', '0.97', '0.95', '0.94', '0.93'],
  ['1.5', '1.44', '1.43', '0.96', '0.95', '0.94', '0.93', '0.91'],
  ['1.46', '1.4', '1.39', '0.93', '0.92', '0.91', '0.9', '0.86'],
  ['1.43', '1.36', '1.35', '0.91', '0.9', '0.89', '0.88', '0.83'],
];

/** КМ by engine power: upper bounds in horsepower, inclusive; above the last bound 1.6. */
export const KM_BANDS: ReadonlyArray<{ readonly upToHp: number; readonly km: string }> = [
  { upToHp: 50, km: '0.6' },
  { upToHp: 70, km: '1' },
  { upToHp: 100, km: '1.1' },
  { upToHp: 120, km: '1.2' },
  { upToHp: 150, km: '1.4' },
];
export const KM_ABOVE_LAST_BAND = '1.6';

/** КО: 1 for a named list of drivers (at most five), 2.32 for anyone who drives with the owner's consent. */
export const KO_NAMED_DRIVERS = '1';
export const KO_UNLIMITED_DRIVERS = '2.32';
export const OSAGO_MAX_NAMED_DRIVERS = 5;

/** КС by months of use a year; fewer than 3 months cannot be bought. */
export const KS_BY_USAGE_MONTHS: Readonly<Record<number, string>> = {
  3: '0.5',
  4: '0.6',
  5: '0.65',
  6: '0.7',
  7: '0.8',
  8: '0.9',
  9: '0.95',
  10: '1',
  11: '1',
  12: '1',
};

/**
 * 40-ФЗ art. 9 p. 3: the premium may not exceed three times ТБ × КТ (five times with КН for gross
 * violations, which we never apply).
 */
export const OSAGO_PREMIUM_CAP_MULTIPLE = 3;
