import {
  DomainError,
  factor,
  formatForPeople,
  multiply,
  fullYearsBetween,
  type CalendarDate,
} from '@cabinet/kernel';
import type { Driver, DriverList, Vehicle } from '../insuredObject.ts';
import {
  KBM_BY_CLASS,
  KM_ABOVE_LAST_BAND,
  KM_BANDS,
  KO_NAMED_DRIVERS,
  KO_UNLIMITED_DRIVERS,
  KS_BY_USAGE_MONTHS,
  KVS_AGE_BANDS,
  KVS_EXPERIENCE_BANDS,
  KVS_TABLE,
  OSAGO_BASE_RATE,
  OSAGO_MAX_NAMED_DRIVERS,
  OSAGO_PREMIUM_CAP_MULTIPLE,
  OSAGO_TERRITORY_COEFFICIENTS,
  type KbmClass,
} from './osagoCoefficients.ts';
import { calculation, component, type NamedFactor, type TariffCalculation } from './tariffCalculation.ts';

const MINIMUM_LICENCE_AGE = 16;

function bandIndex(bands: readonly number[], value: number): number {
  let index = -1;
  bands.forEach((lowerBound, i) => {
    if (value >= lowerBound) index = i;
  });
  return index;
}

function invalidDriver(driver: Driver, message: string): DomainError {
  return new DomainError('INVALID_DRIVER', message, { driver: driver.fullName });
}

/** КВС for one driver on the day the term starts. */
export function kvsOf(driver: Driver, on: CalendarDate): string {
  const age = fullYearsBetween(driver.birthDate, on);
  const ageAtLicence = fullYearsBetween(driver.birthDate, driver.licensedSince);
  const experience = fullYearsBetween(driver.licensedSince, on);
  if (ageAtLicence < MINIMUM_LICENCE_AGE || experience < 0) {
    throw invalidDriver(
      driver,
      `Проверьте данные водителя ${driver.fullName}: права выдаются с 16 лет и не позднее даты начала полиса.`,
    );
  }
  const kvs = KVS_TABLE[bandIndex(KVS_AGE_BANDS, age)]?.[bandIndex(KVS_EXPERIENCE_BANDS, experience)];
  if (kvs === undefined || kvs === null) {
    throw invalidDriver(
      driver,
      `Проверьте возраст и стаж водителя ${driver.fullName}: такое сочетание невозможно.`,
    );
  }
  return kvs;
}

export function kmOf(enginePowerHp: number): string {
  if (!Number.isFinite(enginePowerHp) || enginePowerHp <= 0) {
    throw new DomainError('INVALID_ENGINE_POWER', 'Мощность двигателя указывается в л. с., больше нуля.', {
      field: 'enginePowerHp',
    });
  }
  return KM_BANDS.find((band) => enginePowerHp <= band.upToHp)?.km ?? KM_ABOVE_LAST_BAND;
}

export function ksOf(usageMonths: number): string {
  const ks = KS_BY_USAGE_MONTHS[usageMonths];
  if (ks === undefined) {
    throw new DomainError('INVALID_USAGE_PERIOD', 'Период использования ОСАГО — от 3 до 12 месяцев.', {
      field: 'usageMonths',
    });
  }
  return ks;
}

interface DriverFactors {
  readonly kbm: string;
  readonly kvs: string;
  readonly ko: string;
  readonly kbmClass: KbmClass;
}

/**
 * With named drivers the policy is priced for the riskiest of them: the driver whose КБМ × КВС is
 * largest supplies both coefficients. With unlimited drivers КВС does not apply and the owner's КБМ
 * does, with КО 2.32.
 */
function driverFactors(drivers: DriverList, on: CalendarDate): DriverFactors {
  switch (drivers.kind) {
    case 'UNLIMITED':
      return {
        kbm: KBM_BY_CLASS[drivers.ownerKbmClass],
        kvs: '1',
        ko: KO_UNLIMITED_DRIVERS,
        kbmClass: drivers.ownerKbmClass,
      };
    case 'NAMED': {
      if (drivers.drivers.length === 0 || drivers.drivers.length > OSAGO_MAX_NAMED_DRIVERS) {
        throw new DomainError(
          'INVALID_DRIVER_LIST',
          `В полис ОСАГО можно вписать от 1 до ${OSAGO_MAX_NAMED_DRIVERS} водителей или оформить его без ограничений.`,
          { field: 'drivers' },
        );
      }
      const candidates = drivers.drivers.map((driver) => ({
        kbm: KBM_BY_CLASS[driver.kbmClass],
        kvs: kvsOf(driver, on),
        ko: KO_NAMED_DRIVERS,
        kbmClass: driver.kbmClass,
      }));
      const riskOf = (c: DriverFactors) => {
        const kbm = factor(c.kbm);
        const kvs = factor(c.kvs);
        return { numerator: kbm.numerator * kvs.numerator, denominator: kbm.denominator * kvs.denominator };
      };
      const riskier = (a: DriverFactors, b: DriverFactors) => {
        const [x, y] = [riskOf(a), riskOf(b)];
        return x.numerator * y.denominator > y.numerator * x.denominator;
      };
      return candidates.reduce((worst, candidate) => (riskier(candidate, worst) ? candidate : worst));
    }
    default: {
      const _exhaustive: never = drivers;
      return _exhaustive;
    }
  }
}

export interface OsagoPricingInput {
  readonly vehicle: Vehicle;
  readonly drivers: DriverList;
  readonly startsOn: CalendarDate;
}

/** ТБ × КТ × КБМ × КВС × КО × КМ × КС, rounded once, capped at 3 × ТБ × КТ (40-ФЗ art. 9 p. 3). */
export function priceOsago(input: OsagoPricingInput): TariffCalculation {
  const territory = OSAGO_TERRITORY_COEFFICIENTS[input.vehicle.ownerTerritory];
  const drivers = driverFactors(input.drivers, input.startsOn);
  const kt: NamedFactor = {
    code: 'KT',
    label: `Коэффициент территории (${territory.label})`,
    factor: factor(territory.kt),
  };
  const factors: NamedFactor[] = [
    kt,
    {
      code: 'KBM',
      label: `Коэффициент бонус-малус (класс ${drivers.kbmClass})`,
      factor: factor(drivers.kbm),
    },
    { code: 'KVS', label: 'Коэффициент возраста и стажа', factor: factor(drivers.kvs) },
    { code: 'KO', label: 'Коэффициент ограничения числа водителей', factor: factor(drivers.ko) },
    {
      code: 'KM',
      label: 'Коэффициент мощности двигателя',
      factor: factor(kmOf(input.vehicle.enginePowerHp)),
    },
    {
      code: 'KS',
      label: 'Коэффициент периода использования',
      factor: factor(ksOf(input.vehicle.usageMonths)),
    },
  ];
  const full = component('Страховая премия ОСАГО', OSAGO_BASE_RATE, factors);
  const cap = multiply(OSAGO_BASE_RATE, kt.factor, factor(String(OSAGO_PREMIUM_CAP_MULTIPLE)));
  if (full.amount.minorUnits <= cap.minorUnits) return calculation([full]);
  return calculation(
    [{ ...full, amount: cap }],
    [
      `Премия ограничена трёхкратным произведением базовой ставки и коэффициента территории (ст. 9 п. 3 40-ФЗ): ${formatForPeople(cap)}.`,
    ],
  );
}
