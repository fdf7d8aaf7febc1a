import { describe, expect, it } from 'vitest';
import { euros, kopecks, rubles, zero } from '@cabinet/kernel';
import type { Coverage } from '../coverage.ts';
import type { Driver, InsuredObject, Vehicle } from '../insuredObject.ts';
import { periodOfMonths } from '../period.ts';
import { priceTerm, type PolicyTerms } from './priceTerm.ts';

const startsOn = '2026-03-01';

const vehicle = (overrides: Partial<Vehicle> = {}): Vehicle => ({
  vin: 'XTA210990Y2766389',
  plate: 'А123ВС77',
  make: 'LADA',
  model: 'Vesta',
  manufactureYear: 2022,
  enginePowerHp: 150,
  ownerTerritory: 'MOSCOW',
  usageMonths: 12,
  ...overrides,
});

const driver = (overrides: Partial<Driver> = {}): Driver => ({
  fullName: 'Иванов Иван Иванович',
  birthDate: '1990-05-20', // 35 on the start date
  licensedSince: '2015-06-01', // 10 full years of experience
  kbmClass: '13',
  ...overrides,
});

const osagoCoverages: Coverage[] = [
  { code: 'OSAGO_PROPERTY', sumInsured: rubles(400_000), deductible: zero('RUB') },
  { code: 'OSAGO_LIFE_HEALTH', sumInsured: rubles(500_000), deductible: zero('RUB') },
];

function osago(object: InsuredObject): PolicyTerms {
  return {
    product: 'OSAGO',
    insuredObject: object,
    coverages: osagoCoverages,
    period: periodOfMonths(startsOn, 12),
    termMonths: 12,
  };
}

describe('ОСАГО premium = ТБ × КТ × КБМ × КВС × КО × КМ × КС', () => {
  it.each([
    {
      given: 'Moscow, one careful driver of 35 with 10 years, class 13, 150 hp',
      // 6 800 × 1.87 × 0.46 × 0.94 × 1 × 1.4 × 1 = 7 697.75776 ₽
      object: { kind: 'VEHICLE', vehicle: vehicle(), drivers: { kind: 'NAMED', drivers: [driver()] } },
      factors: ['1.87', '0.46', '0.94', '1', '1.4', '1'],
      premium: kopecks(769_776),
    },
    {
      given: 'a small town, unlimited drivers, owner in the starting class, 110 hp, used 6 months a year',
      // 6 800 × 1 × 1.17 × 1 × 2.32 × 1.2 × 0.7 = 15 504.6528 ₽
      object: {
        kind: 'VEHICLE',
        vehicle: vehicle({ ownerTerritory: 'OTHER', enginePowerHp: 110, usageMonths: 6 }),
        drivers: { kind: 'UNLIMITED', ownerKbmClass: '3' },
      },
      factors: ['1.00', '1.17', '1', '2.32', '1.2', '0.7'],
      premium: kopecks(1_550_465),
    },
    {
      given: 'two drivers: the one with the larger КБМ × КВС (1.17 × 0.91 > 0.46 × 1.92) prices the policy',
      // 6 800 × 1.56 × 1.17 × 0.91 × 1 × 1.1 × 1 = 12 423.77136 ₽
      object: {
        kind: 'VEHICLE',
        vehicle: vehicle({ ownerTerritory: 'MOSCOW_REGION', enginePowerHp: 98 }),
        drivers: {
          kind: 'NAMED',
          drivers: [
            driver({ birthDate: '2005-06-01', licensedSince: '2024-07-01', kbmClass: '13' }),
            driver({ birthDate: '1985-01-10', licensedSince: '2005-05-05', kbmClass: '3' }),
          ],
        },
      },
      factors: ['1.56', '1.17', '0.91', '1', '1.1', '1'],
      premium: kopecks(1_242_377),
    },
  ] satisfies { given: string; object: InsuredObject; factors: string[]; premium: unknown }[])(
    '$given',
    ({ object, factors, premium }) => {
      const result = priceTerm(osago(object));
      expect(result.premium).toEqual(premium);
      expect(result.components).toHaveLength(1);
      expect(result.components[0]?.base).toEqual(rubles(6_800));
      expect(result.components[0]?.factors.map((f) => f.code)).toEqual([
        'KT',
        'KBM',
        'KVS',
        'KO',
        'KM',
        'KS',
      ]);
      expect(result.components[0]?.factors.map((f) => f.value)).toEqual(factors);
      expect(result.notes).toEqual([]);
    },
  );

  it('caps the premium at 3 × ТБ × КТ (40-ФЗ art. 9 p. 3)', () => {
    // uncapped 6 800 × 1.87 × 3.92 × 2.27 × 1.6 = 181 043.29 ₽; cap 3 × 6 800 × 1.87 = 38 148 ₽
    const result = priceTerm(
      osago({
        kind: 'VEHICLE',
        vehicle: vehicle({ enginePowerHp: 200 }),
        drivers: {
          kind: 'NAMED',
          drivers: [driver({ birthDate: '2007-01-01', licensedSince: '2025-12-01', kbmClass: 'M' })],
        },
      }),
    );
    expect(result.premium).toEqual(rubles(38_148));
    expect(result.notes).toEqual([expect.stringContaining('ст. 9 п. 3 40-ФЗ')]);
  });

  it.each([
    { hp: 50, km: '0.6' },
    { hp: 50.5, km: '1' },
    { hp: 70, km: '1' },
    { hp: 100, km: '1.1' },
    { hp: 120, km: '1.2' },
    { hp: 150, km: '1.4' },
    { hp: 151, km: '1.6' },
  ])('КМ for $hp hp is $km', ({ hp, km }) => {
    const result = priceTerm(
      osago({
        kind: 'VEHICLE',
        vehicle: vehicle({ enginePowerHp: hp }),
        drivers: { kind: 'NAMED', drivers: [driver()] },
      }),
    );
    expect(result.components[0]?.factors.find((f) => f.code === 'KM')?.value).toBe(km);
  });

  it.each([
    {
      birthDate: '2005-03-01',
      licensedSince: '2021-03-01',
      kvs: '1.62',
      why: 'age 21, 5 years: the last cell of the first row',
    },
    {
      birthDate: '2004-03-02',
      licensedSince: '2026-03-01',
      kvs: '2.27',
      why: 'age 21 the day before the birthday, licence today',
    },
    { birthDate: '2004-03-01', licensedSince: '2026-03-01', kvs: '1.88', why: 'age 22 on the start date' },
    { birthDate: '1966-03-01', licensedSince: '1990-01-01', kvs: '0.83', why: 'age 60 with 36 years' },
  ])('КВС $kvs: $why', ({ birthDate, licensedSince, kvs }) => {
    const result = priceTerm(
      osago({
        kind: 'VEHICLE',
        vehicle: vehicle(),
        drivers: { kind: 'NAMED', drivers: [driver({ birthDate, licensedSince })] },
      }),
    );
    expect(result.components[0]?.factors.find((f) => f.code === 'KVS')?.value).toBe(kvs);
  });

  it.each([
    {
      code: 'INVALID_DRIVER',
      object: {
        kind: 'VEHICLE',
        vehicle: vehicle(),
        drivers: {
          kind: 'NAMED',
          drivers: [driver({ birthDate: '2000-01-01', licensedSince: '2015-12-31' })],
        },
      },
      why: 'licence before 16',
    },
    {
      code: 'INVALID_DRIVER',
      object: {
        kind: 'VEHICLE',
        vehicle: vehicle(),
        drivers: { kind: 'NAMED', drivers: [driver({ licensedSince: '2026-03-02' })] },
      },
      why: 'licence after the start',
    },
    {
      code: 'INVALID_DRIVER_LIST',
      object: {
        kind: 'VEHICLE',
        vehicle: vehicle(),
        drivers: { kind: 'NAMED', drivers: Array<Driver>(6).fill(driver()) },
      },
      why: 'six named drivers',
    },
    {
      code: 'INVALID_DRIVER_LIST',
      object: { kind: 'VEHICLE', vehicle: vehicle(), drivers: { kind: 'NAMED', drivers: [] } },
      why: 'no drivers',
    },
    {
      code: 'INVALID_USAGE_PERIOD',
      object: {
        kind: 'VEHICLE',
        vehicle: vehicle({ usageMonths: 2 }),
        drivers: { kind: 'NAMED', drivers: [driver()] },
      },
      why: 'two months of use',
    },
    {
      code: 'INVALID_ENGINE_POWER',
      object: {
        kind: 'VEHICLE',
        vehicle: vehicle({ enginePowerHp: 0 }),
        drivers: { kind: 'NAMED', drivers: [driver()] },
      },
      why: 'no engine power',
    },
    {
      code: 'INSURED_OBJECT_MISMATCH',
      object: { kind: 'PERSONS', persons: [] },
      why: 'persons for ОСАГО',
    },
  ] satisfies { code: string; object: InsuredObject; why: string }[])(
    'refuses $why with $code',
    ({ object, code }) => {
      expect(() => priceTerm(osago(object))).toThrow(expect.objectContaining({ code }));
    },
  );
});

describe('other products: simple documented rates', () => {
  const person = (fullName: string, birthDate: string) => ({ fullName, birthDate });

  it.each([
    {
      given: 'КАСКО 2 500 000 ₽, a 2022 car (4 years: 6.5 %), франшиза 30 000 ₽ (×0.85), 12 months',
      terms: {
        product: 'KASKO',
        insuredObject: {
          kind: 'VEHICLE',
          vehicle: vehicle(),
          drivers: { kind: 'UNLIMITED', ownerKbmClass: '3' },
        },
        coverages: [
          { code: 'KASKO_DAMAGE_THEFT', sumInsured: rubles(2_500_000), deductible: rubles(30_000) },
        ],
        termMonths: 12,
      },
      // 2 500 000 × 6.5 % × 0.85 = 138 125 ₽
      premium: rubles(138_125),
    },
    {
      given: 'КАСКО for 6 months without франшиза',
      terms: {
        product: 'KASKO',
        insuredObject: {
          kind: 'VEHICLE',
          vehicle: vehicle(),
          drivers: { kind: 'UNLIMITED', ownerKbmClass: '3' },
        },
        coverages: [{ code: 'KASKO_DAMAGE_THEFT', sumInsured: rubles(2_500_000), deductible: zero('RUB') }],
        termMonths: 6,
      },
      // 2 500 000 × 6.5 % × 6/12 = 81 250 ₽
      premium: rubles(81_250),
    },
    {
      given: 'a flat: structure 2 ‰, finishing 4 ‰, belongings 5 ‰, liability 3 ‰',
      terms: {
        product: 'PROPERTY',
        insuredObject: {
          kind: 'PROPERTY',
          address: 'г. Москва, ул. Тверская, д. 1, кв. 1',
          propertyType: 'APARTMENT',
        },
        coverages: [
          { code: 'PROPERTY_STRUCTURE', sumInsured: rubles(5_000_000), deductible: zero('RUB') },
          { code: 'PROPERTY_FINISHING', sumInsured: rubles(1_500_000), deductible: zero('RUB') },
          { code: 'PROPERTY_BELONGINGS', sumInsured: rubles(700_000), deductible: zero('RUB') },
          { code: 'PROPERTY_LIABILITY', sumInsured: rubles(500_000), deductible: zero('RUB') },
        ],
        termMonths: 12,
      },
      // 10 000 + 6 000 + 3 500 + 1 500 = 21 000 ₽
      premium: rubles(21_000),
    },
    {
      given: 'a house for 6 months (×1.5)',
      terms: {
        product: 'PROPERTY',
        insuredObject: {
          kind: 'PROPERTY',
          address: 'Московская обл., д. Горки, д. 5',
          propertyType: 'HOUSE',
        },
        coverages: [{ code: 'PROPERTY_STRUCTURE', sumInsured: rubles(3_000_000), deductible: zero('RUB') }],
        termMonths: 6,
      },
      // 3 000 000 × 2 ‰ × 1.5 × 6/12 = 4 500 ₽
      premium: rubles(4_500),
    },
    {
      given: 'mortgage property cover on a loan balance with kopecks: the half kopeck rounds once',
      terms: {
        product: 'MORTGAGE',
        insuredObject: {
          kind: 'PROPERTY',
          address: 'г. Казань, ул. Баумана, д. 2, кв. 7',
          propertyType: 'APARTMENT',
          beneficiaryBank: 'ПАО Сбербанк',
        },
        coverages: [{ code: 'MORTGAGE_PROPERTY', sumInsured: kopecks(432_198_765), deductible: zero('RUB') }],
        termMonths: 12,
      },
      // 4 321 987.65 × 1.5 ‰ = 6 482.9791… ₽
      premium: kopecks(648_298),
    },
    {
      given: 'ДМС for an adult of 35 (25 ‰) and a child of 10 (30 ‰)',
      terms: {
        product: 'DMS',
        insuredObject: {
          kind: 'PERSONS',
          persons: [
            person('Петрова Анна Сергеевна', '1990-07-01'),
            person('Петров Илья Андреевич', '2015-09-01'),
          ],
        },
        coverages: [{ code: 'DMS_OUTPATIENT', sumInsured: rubles(1_000_000), deductible: zero('RUB') }],
        termMonths: 12,
      },
      // 25 000 + 30 000 = 55 000 ₽
      premium: rubles(55_000),
    },
    {
      given: 'ВЗР to Europe for 14 days (1–14 March) with 50 000 € for a traveller of 40 and one of 70',
      terms: {
        product: 'TRAVEL',
        insuredObject: {
          kind: 'TRAVELLERS',
          persons: [
            person('Смирнов Олег Павлович', '1985-04-04'),
            person('Смирнова Вера Ивановна', '1955-10-10'),
          ],
          territory: 'EUROPE',
          countries: ['Италия'],
        },
        coverages: [{ code: 'TRAVEL_MEDICAL', sumInsured: euros(50_000), deductible: zero('EUR') }],
        termMonths: 1,
        period: { startsOn, endsOn: '2026-03-14' },
      },
      // 85 × 14 × 1.2 × (1 + 2) = 1 428 + 2 856 = 4 284 ₽
      premium: rubles(4_284),
    },
    {
      given: 'НС for 6 months: 1 000 000 ₽ at 0.4 % and a 300 000 ₽ trauma cover at 1.2 %',
      terms: {
        product: 'ACCIDENT',
        insuredObject: { kind: 'PERSONS', persons: [person('Кузнецов Денис Олегович', '1995-02-02')] },
        coverages: [
          { code: 'ACCIDENT_DEATH_DISABILITY', sumInsured: rubles(1_000_000), deductible: zero('RUB') },
          { code: 'ACCIDENT_TRAUMA', sumInsured: rubles(300_000), deductible: zero('RUB') },
        ],
        termMonths: 6,
      },
      // 2 000 + 1 800 = 3 800 ₽
      premium: rubles(3_800),
    },
  ] satisfies {
    given: string;
    terms: Omit<PolicyTerms, 'period'> & { period?: PolicyTerms['period'] };
    premium: unknown;
  }[])('$given', ({ terms, premium }) => {
    const period = terms.period ?? periodOfMonths(startsOn, terms.termMonths);
    expect(priceTerm({ ...terms, period }).premium).toEqual(premium);
  });
});
