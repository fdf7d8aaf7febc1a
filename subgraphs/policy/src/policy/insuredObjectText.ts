import { formatRussianDate } from '@cabinet/kernel';
import {
  OSAGO_TERRITORY_COEFFICIENTS,
  PROPERTY_TYPE_LABELS,
  TRAVEL_DAILY_RATES,
  type InsuredObject,
} from './domain/index.ts';

/** The insured object as a policy card and the PDF print it, one line per fact. */
export function describeInsuredObject(object: InsuredObject): string[] {
  switch (object.kind) {
    case 'VEHICLE': {
      const { vehicle, drivers } = object;
      return [
        `${vehicle.make} ${vehicle.model}, ${vehicle.manufactureYear} г. в., ${vehicle.enginePowerHp} л. с.`,
        `VIN ${vehicle.vin}, госномер ${vehicle.plate}`,
        `Территория использования: ${OSAGO_TERRITORY_COEFFICIENTS[vehicle.ownerTerritory].label}`,
        drivers.kind === 'UNLIMITED'
          ? 'Без ограничения лиц, допущенных к управлению'
          : `Водители: ${drivers.drivers
              .map((driver) => `${driver.fullName} (стаж с ${formatRussianDate(driver.licensedSince)})`)
              .join('; ')}`,
      ];
    }
    case 'PROPERTY':
      return [
        `${capitalise(PROPERTY_TYPE_LABELS[object.propertyType])}: ${object.address}`,
        ...(object.beneficiaryBank ? [`Выгодоприобретатель: ${object.beneficiaryBank}`] : []),
      ];
    case 'PERSONS':
      return object.persons.map(
        (person) => `Застрахованный: ${person.fullName}, ${formatRussianDate(person.birthDate)} г. р.`,
      );
    case 'TRAVELLERS':
      return [
        `Территория: ${TRAVEL_DAILY_RATES[object.territory].label} (${object.countries.join(', ')})`,
        ...object.persons.map(
          (person) => `Застрахованный: ${person.fullName}, ${formatRussianDate(person.birthDate)} г. р.`,
        ),
      ];
    default: {
      const _exhaustive: never = object;
      return _exhaustive;
    }
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
