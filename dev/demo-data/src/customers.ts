import { EXISTING_INSURER_CUSTOMER, SECOND_INSURER_CUSTOMER } from '@cabinet/esia-emulator/seed';
import { formatSnils, normalizePhone, snilsCheckSum, validateInn } from '@cabinet/kernel';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, PATRONYMIC_STEMS, SURNAMES } from './names.ts';
import { SeededRandom } from './random.ts';

export interface DemoCustomer {
  readonly id: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName: string;
  readonly gender: 'M' | 'F';
  readonly birthDate: string;
  readonly snils: string;
  readonly inn: string;
  readonly phone: string;
  readonly email: string;
  /** Known for customers who showed their passport to the insurer. */
  readonly passport: DemoPassport | null;
  readonly createdAt: string;
}

export interface DemoPassport {
  readonly series: string;
  readonly number: string;
  readonly issueDate: string;
  readonly divisionCode: string;
  readonly issuedBy: string | null;
}

/** The insurer's record of the ESIA test person `existingCustomer`: signing in as them links here. */
export const EXISTING_CUSTOMER_ID = '5d1e3c9a-2b4f-4e8a-9c7d-1f0e2a3b4c5d';
/** The insurer's record of the ESIA test person `secondCustomer`. */
export const SECOND_CUSTOMER_ID = '8e2f4d6b-3c5a-4b7e-8d9f-2a1b3c4d5e6f';

type InsurerRecord = typeof EXISTING_INSURER_CUSTOMER | typeof SECOND_INSURER_CUSTOMER;

function insurerCustomer(id: string, person: InsurerRecord, createdAt: string): DemoCustomer {
  return {
    id,
    lastName: person.lastName,
    firstName: person.firstName,
    middleName: person.middleName,
    gender: person.gender,
    birthDate: person.birthDate,
    snils: formatSnils(person.snils),
    inn: person.inn,
    phone: person.phone,
    email: person.email,
    passport: { ...person.passport, issuedBy: null },
    createdAt,
  };
}

export const DEMO_CUSTOMER_COUNT = 300;
const SEED = 20_261_125;

function personalInn(random: SeededRandom): string {
  const stem = `77${random.digits(8)}`;
  // Exactly one pair of check digits makes a valid INN; finding it reuses the validator's rule.
  for (let check = 0; check < 100; check++) {
    const candidate = stem + String(check).padStart(2, '0');
    if (validateInn(candidate).ok) return candidate;
  }
  throw new Error('no valid INN for the stem');
}

function snils(random: SeededRandom): string {
  const number = String(random.integer(2_000_000, 999_999_999)).padStart(9, '0');
  return formatSnils(number + snilsCheckSum(number));
}

function phone(random: SeededRandom): string {
  const result = normalizePhone(`+79${random.digits(9)}`);
  if (!result.ok) throw new Error('generated phone must be valid');
  return result.value;
}

/**
 * The demo registry's customers: the same list on every machine and every run, ending with the
 * records that the ESIA emulator's `existingCustomer` and `secondCustomer` link to (after the
 * generated ones, so adding them left every generated customer as it was).
 */
export function demoCustomers(count = DEMO_CUSTOMER_COUNT): DemoCustomer[] {
  const random = new SeededRandom(SEED);
  const generated = Array.from({ length: count }, (_, index): DemoCustomer => {
    const gender = random.next() < 0.5 ? 'M' : 'F';
    const surname = random.pick(SURNAMES);
    const stem = random.pick(PATRONYMIC_STEMS);
    const id = random.uuid();
    const birthYear = random.integer(1955, 2004);
    const birthDate = `${birthYear}-${String(random.integer(1, 12)).padStart(2, '0')}-${String(random.integer(1, 28)).padStart(2, '0')}`;
    return {
      id,
      gender,
      lastName: gender === 'M' ? surname : `${surname}а`,
      firstName: random.pick(gender === 'M' ? MALE_FIRST_NAMES : FEMALE_FIRST_NAMES),
      middleName: gender === 'M' ? `${stem}ич` : `${stem}на`,
      birthDate,
      snils: snils(random),
      inn: personalInn(random),
      phone: phone(random),
      email: `client${String(index + 1).padStart(3, '0')}@example.ru`,
      passport: null,
      createdAt: `20${String(random.integer(15, 25)).padStart(2, '0')}-0${random.integer(1, 9)}-1${random.integer(0, 9)}T09:00:00.000Z`,
    };
  });
  return [
    ...generated,
    insurerCustomer(EXISTING_CUSTOMER_ID, EXISTING_INSURER_CUSTOMER, '2019-04-12T09:00:00.000Z'),
    insurerCustomer(SECOND_CUSTOMER_ID, SECOND_INSURER_CUSTOMER, '2021-08-30T09:00:00.000Z'),
  ];
}
