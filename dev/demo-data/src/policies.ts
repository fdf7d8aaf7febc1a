import {
  nameBasedUuid,
  rubles,
  euros,
  zero,
  addDays,
  addMonths,
  compareDates,
  moscowDate,
  type CalendarDate,
} from '@cabinet/kernel';
import {
  expireIfEnded,
  issuePolicy,
  newPolicyNumber,
  prolongedPolicyNumber,
  quoteRenewal,
  recordInstalmentPaid,
  applyRenewal,
  osagoPolicyNumber,
  PRODUCTS,
  type Coverage,
  type DomainContext,
  type InsuredObject,
  type KbmClass,
  type OsagoTerritory,
  type Policy,
  type PolicyStatus,
  type Product,
  type TravelTerritory,
} from '@cabinet/policy/domain';
import { scriptedPolicies, type CastRole, type ScriptedPolicy } from './cast.ts';
import { EXISTING_CUSTOMER_ID, SECOND_CUSTOMER_ID, type DemoCustomer } from './customers.ts';
import { DEMO_PARTNERS } from './partners.ts';
import { SeededRandom } from './random.ts';

/** The holder's name as printed on the policy; the policy service stores it when a policy is issued. */
export interface DemoHolderName {
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName: string;
}

export interface DemoPolicy extends Policy {
  readonly soldByPartnerId: string | null;
  readonly holderName: DemoHolderName;
}

export interface DemoPolicyRegistry {
  readonly policies: DemoPolicy[];
  /** The last sequence each product's numbers used: new policies continue from there. */
  readonly sequences: Readonly<Record<Product, number>>;
  /** The policies the demo promises on every date (see cast.ts), by role. */
  readonly cast: Readonly<Record<CastRole, DemoPolicy>>;
}

const PRODUCT_WEIGHTS: readonly Product[] = [...PRODUCTS, 'OSAGO', 'OSAGO', 'KASKO', 'PROPERTY'];
const SEED = 4_002;
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const PLATE_LETTERS = 'АВЕКМНОРСТУХ';
const CARS = [
  { make: 'Lada', model: 'Vesta', hp: 106 },
  { make: 'Lada', model: 'Granta', hp: 90 },
  { make: 'Kia', model: 'Rio', hp: 123 },
  { make: 'Hyundai', model: 'Solaris', hp: 123 },
  { make: 'Toyota', model: 'Camry', hp: 181 },
  { make: 'Volkswagen', model: 'Polo', hp: 110 },
  { make: 'Skoda', model: 'Octavia', hp: 150 },
  { make: 'Haval', model: 'Jolion', hp: 143 },
  { make: 'Chery', model: 'Tiggo 7 Pro', hp: 147 },
  { make: 'Geely', model: 'Coolray', hp: 150 },
] as const;
const TERRITORIES: readonly { territory: OsagoTerritory; region: string; city: string }[] = [
  { territory: 'MOSCOW', region: '77', city: 'г. Москва' },
  { territory: 'MOSCOW_REGION', region: '50', city: 'Московская обл., г. Химки' },
  { territory: 'SAINT_PETERSBURG', region: '78', city: 'г. Санкт-Петербург' },
  { territory: 'KAZAN', region: '116', city: 'г. Казань' },
  { territory: 'YEKATERINBURG', region: '96', city: 'г. Екатеринбург' },
  { territory: 'NOVOSIBIRSK', region: '54', city: 'г. Новосибирск' },
  { territory: 'OTHER', region: '71', city: 'г. Тула' },
];
const STREETS = ['ул. Ленина', 'ул. Гагарина', 'Садовая ул.', 'ул. Мира', 'Лесная ул.', 'пр-т Победы'];
const BANKS = ['ПАО Сбербанк', 'Банк ВТБ (ПАО)', 'АО «Альфа-Банк»', 'Банк «Пример»'];
const TRAVEL: readonly { territory: TravelTerritory; countries: string[] }[] = [
  { territory: 'EUROPE', countries: ['Италия', 'Франция'] },
  { territory: 'ASIA', countries: ['Таиланд'] },
  { territory: 'CIS', countries: ['Казахстан', 'Армения'] },
  { territory: 'WORLD_EXCEPT_USA', countries: ['ОАЭ', 'Турция'] },
];
const KBM_CLASSES_SEEN: readonly KbmClass[] = ['3', '4', '5', '6', '7', '8', '9', '10', '11', '13', '1'];

/**
 * Where a demo policy stands on `today`: in force with the renewal window open or not, renewed,
 * expired long ago, suspended or cancelled. Every status of every product appears.
 */
type Scenario = 'IN_FORCE' | 'RENEWAL_DUE' | 'RENEWED' | 'EXPIRED' | 'SUSPENDED' | 'CANCELLED';
const SCENARIOS: readonly Scenario[] = [
  'IN_FORCE',
  'IN_FORCE',
  'IN_FORCE',
  'IN_FORCE',
  'RENEWAL_DUE',
  'RENEWAL_DUE',
  'RENEWED',
  'EXPIRED',
  'SUSPENDED',
  'CANCELLED',
];

const CAST_HOLDERS = new Set([EXISTING_CUSTOMER_ID, SECOND_CUSTOMER_ID]);

function fullName(customer: DemoCustomer): string {
  return `${customer.lastName} ${customer.firstName} ${customer.middleName}`;
}

function vin(random: SeededRandom): string {
  return Array.from({ length: 17 }, () => random.pick([...VIN_CHARS])).join('');
}

function plate(random: SeededRandom, region: string): string {
  const letter = () => random.pick([...PLATE_LETTERS]);
  return `${letter()}${random.digits(3)}${letter()}${letter()}${region}`;
}

function insuredObjectFor(
  product: Product,
  customer: DemoCustomer,
  startsOn: CalendarDate,
  random: SeededRandom,
): InsuredObject {
  const holder = { fullName: fullName(customer), birthDate: customer.birthDate };
  switch (product) {
    case 'OSAGO':
    case 'KASKO': {
      const car = random.pick(CARS);
      const place = random.pick(TERRITORIES);
      // Licensed at 18 to 30, and at the latest the year before the term starts, whatever the date.
      const licensedYear = Math.min(
        Number(startsOn.slice(0, 4)) - 1,
        Number(customer.birthDate.slice(0, 4)) + random.integer(18, 30),
      );
      return {
        kind: 'VEHICLE',
        vehicle: {
          vin: vin(random),
          plate: plate(random, place.region),
          make: car.make,
          model: car.model,
          manufactureYear: random.integer(2012, 2024),
          enginePowerHp: car.hp,
          ownerTerritory: place.territory,
          usageMonths: 12,
        },
        drivers:
          random.next() < 0.15
            ? { kind: 'UNLIMITED', ownerKbmClass: random.pick(KBM_CLASSES_SEEN) }
            : {
                kind: 'NAMED',
                drivers: [
                  {
                    ...holder,
                    licensedSince: `${licensedYear}${customer.birthDate.slice(4)}`,
                    kbmClass: random.pick(KBM_CLASSES_SEEN),
                  },
                ],
              },
      };
    }
    case 'PROPERTY':
    case 'MORTGAGE': {
      const place = random.pick(TERRITORIES);
      const house = product === 'PROPERTY' && random.next() < 0.3;
      const address = house
        ? `${place.city}, ${random.pick(STREETS)}, д. ${random.integer(1, 120)}`
        : `${place.city}, ${random.pick(STREETS)}, д. ${random.integer(1, 120)}, кв. ${random.integer(1, 300)}`;
      return {
        kind: 'PROPERTY',
        address,
        propertyType: house ? 'HOUSE' : 'APARTMENT',
        ...(product === 'MORTGAGE' ? { beneficiaryBank: random.pick(BANKS) } : {}),
      };
    }
    case 'DMS':
    case 'ACCIDENT':
      return { kind: 'PERSONS', persons: [holder] };
    case 'TRAVEL': {
      const trip = random.pick(TRAVEL);
      return { kind: 'TRAVELLERS', persons: [holder], territory: trip.territory, countries: trip.countries };
    }
    default: {
      const _exhaustive: never = product;
      return _exhaustive;
    }
  }
}

function coveragesFor(product: Product, random: SeededRandom): Coverage[] {
  const rub = (min: number, max: number, step: number) =>
    rubles(Math.round(random.integer(min, max) / step) * step);
  const none = zero('RUB');
  switch (product) {
    case 'OSAGO':
      return [
        { code: 'OSAGO_PROPERTY', sumInsured: rubles(400_000), deductible: none },
        { code: 'OSAGO_LIFE_HEALTH', sumInsured: rubles(500_000), deductible: none },
      ];
    case 'KASKO':
      return [
        {
          code: 'KASKO_DAMAGE_THEFT',
          sumInsured: rub(900_000, 4_500_000, 50_000),
          deductible: random.pick([none, rubles(15_000), rubles(30_000)]),
        },
      ];
    case 'PROPERTY':
      return [
        { code: 'PROPERTY_FINISHING', sumInsured: rub(300_000, 1_500_000, 50_000), deductible: none },
        { code: 'PROPERTY_BELONGINGS', sumInsured: rub(100_000, 800_000, 50_000), deductible: none },
        { code: 'PROPERTY_LIABILITY', sumInsured: rub(200_000, 1_000_000, 100_000), deductible: none },
      ];
    case 'MORTGAGE': {
      const loan = rub(2_500_000, 12_000_000, 100_000);
      return [
        { code: 'MORTGAGE_PROPERTY', sumInsured: loan, deductible: none },
        { code: 'MORTGAGE_LIFE', sumInsured: loan, deductible: none },
      ];
    }
    case 'DMS':
      return [
        { code: 'DMS_OUTPATIENT', sumInsured: rub(500_000, 1_500_000, 100_000), deductible: none },
        { code: 'DMS_DENTAL', sumInsured: rub(50_000, 150_000, 10_000), deductible: none },
      ];
    case 'ACCIDENT':
      return [
        { code: 'ACCIDENT_DEATH_DISABILITY', sumInsured: rub(500_000, 3_000_000, 100_000), deductible: none },
        { code: 'ACCIDENT_TRAUMA', sumInsured: rub(100_000, 500_000, 50_000), deductible: none },
      ];
    case 'TRAVEL':
      return [
        {
          code: 'TRAVEL_MEDICAL',
          sumInsured: random.pick([euros(30_000), euros(50_000)]),
          deductible: zero('EUR'),
        },
      ];
    default: {
      const _exhaustive: never = product;
      return _exhaustive;
    }
  }
}

const INSTALMENT_CHOICES: Readonly<Record<Product, readonly number[]>> = {
  OSAGO: [1],
  KASKO: [1, 1, 2, 4],
  DMS: [1, 4, 12],
  PROPERTY: [1, 2],
  MORTGAGE: [1, 12],
  TRAVEL: [1],
  ACCIDENT: [1],
};

/** A clock for one moment of a policy's history, ids drawn from `newId`. */
function at(day: CalendarDate, newId: () => string): DomainContext {
  return { now: () => new Date(`${day}T07:00:00.000Z`), newId };
}

/** Instalments due by `today` are paid on their due day, as a customer who keeps up would. */
function payDueInstalments(policy: Policy, today: CalendarDate, newId: () => string): Policy {
  return policy.instalments
    .filter((i) => i.status === 'DUE' && compareDates(i.dueOn, today) <= 0)
    .reduce(
      (paid, instalment) =>
        recordInstalmentPaid(
          paid,
          instalment.id,
          newId(),
          new Date(`${laterDay(instalment.dueOn, paid.issuedAt)}T09:00:00.000Z`),
        ),
      policy,
    );
}

function laterDay(day: CalendarDate, issuedAt: string): CalendarDate {
  const issuedOn = issuedAt.slice(0, 10);
  return compareDates(day, issuedOn) >= 0 ? day : issuedOn;
}

/** The first day of the term, so that `today` falls where the scenario needs it. */
function startFor(scenario: Scenario, today: CalendarDate, random: SeededRandom): CalendarDate {
  switch (scenario) {
    case 'IN_FORCE':
    case 'SUSPENDED':
    case 'CANCELLED':
      // At least two months left, so the renewal window is still closed.
      return addDays(today, -random.integer(1, 290));
    case 'RENEWAL_DUE':
      // Ends between 5 and 55 days from today: the window opened 60 days before the end.
      return addDays(addMonths(today, -12), random.integer(6, 56));
    case 'RENEWED':
      // Ended up to 20 days ago or ends within 50 days; renewed 10 days before its end or today.
      return addDays(addMonths(today, -12), random.integer(-19, 51));
    case 'EXPIRED':
      return addDays(addMonths(today, -12), -random.integer(40, 300));
    default: {
      const _exhaustive: never = scenario;
      return _exhaustive;
    }
  }
}

/** Scripted policies' ids are named after their role, so they are the same on every date. */
const CAST_ID_NAMESPACE = '3b0f5a7e-9c14-4d2b-a6e8-51f7c2d90b34';

function namedIds(role: CastRole): () => string {
  let count = 0;
  return () => nameBasedUuid(CAST_ID_NAMESPACE, `${role}#${(count += 1)}`);
}

function holderNameOf(customer: DemoCustomer): DemoHolderName {
  return { lastName: customer.lastName, firstName: customer.firstName, middleName: customer.middleName };
}

class DemoRegistryBuilder {
  readonly policies: DemoPolicy[] = [];
  readonly sequences: Record<Product, number> = {
    OSAGO: 0,
    KASKO: 0,
    DMS: 0,
    PROPERTY: 0,
    MORTGAGE: 0,
    TRAVEL: 0,
    ACCIDENT: 0,
  };

  constructor(
    private readonly random: SeededRandom,
    private readonly today: CalendarDate,
  ) {}

  private nextNumber(product: Product, issuedOn: CalendarDate): string {
    this.sequences[product] += 1;
    return newPolicyNumber(product, issuedOn, this.sequences[product]);
  }

  /** One of the cast's policies, as its script places it relative to today. */
  addScripted(script: ScriptedPolicy, holder: DemoCustomer): DemoPolicy {
    const newId = namedIds(script.role);
    const issuedOn = addDays(script.startsOn, -7);
    const issued = issuePolicy(
      {
        number: this.nextNumber(script.product, issuedOn),
        product: script.product,
        holderId: script.holderId,
        insuredObject: script.insuredObject,
        startsOn: script.startsOn,
        termMonths: script.termMonths,
        coverages: script.coverages,
        instalmentCount: script.instalmentCount,
      },
      at(issuedOn, newId),
    );
    const policy: DemoPolicy = {
      ...expireIfEnded(payDueInstalments(issued, this.today, newId), new Date(`${this.today}T12:00:00.000Z`)),
      soldByPartnerId: script.soldByPartnerId,
      holderName: holderNameOf(holder),
    };
    this.policies.push(policy);
    return policy;
  }

  /** One to three policies of a random product and situation, for the crowd around the cast. */
  add(customer: DemoCustomer): void {
    const random = this.random;
    const newId = () => random.uuid();
    const product = random.pick(PRODUCT_WEIGHTS);
    const scenario = random.pick(SCENARIOS);
    const startsOn = startFor(scenario, this.today, random);
    const issuedOn = addDays(startsOn, -random.integer(3, 20));
    const policy = issuePolicy(
      {
        number: this.nextNumber(product, issuedOn),
        product,
        holderId: customer.id,
        insuredObject: insuredObjectFor(product, customer, startsOn, random),
        startsOn,
        termMonths: 12,
        coverages: coveragesFor(product, random),
        instalmentCount: random.pick(INSTALMENT_CHOICES[product]),
      },
      at(issuedOn, newId),
    );
    const extra = {
      soldByPartnerId: random.next() < 0.2 ? random.pick(DEMO_PARTNERS).id : null,
      holderName: holderNameOf(customer),
    };
    for (const term of this.history(policy, scenario)) this.policies.push({ ...term, ...extra });
  }

  private history(issued: Policy, scenario: Scenario): Policy[] {
    const random = this.random;
    const newId = () => random.uuid();
    const today = this.today;
    const paid = payDueInstalments(issued, today, newId);
    switch (scenario) {
      case 'IN_FORCE':
      case 'RENEWAL_DUE':
      case 'EXPIRED':
        return [expireIfEnded(paid, new Date(`${today}T12:00:00.000Z`))];
      case 'SUSPENDED':
      case 'CANCELLED':
        return [withStatus(paid, scenario, today)];
      case 'RENEWED': {
        const clock = at(earlierOf(addDays(issued.period.endsOn, -10), today), newId);
        const quote = quoteRenewal(paid, paid.termMonths, clock);
        const successorNumber =
          paid.product === 'OSAGO'
            ? osagoPolicyNumber((this.sequences.OSAGO += 1))
            : prolongedPolicyNumber(paid.number);
        const { renewed, successor } = applyRenewal(
          paid,
          quote,
          { paymentId: random.uuid(), successorNumber },
          clock,
        );
        return [renewed, payDueInstalments(successor, today, newId)];
      }
      default: {
        const _exhaustive: never = scenario;
        return _exhaustive;
      }
    }
  }
}

function earlierOf(a: CalendarDate, b: CalendarDate): CalendarDate {
  return compareDates(a, b) <= 0 ? a : b;
}

/** A cancelled policy is cancelled as of `today`, the day the demo registry is built for. */
function withStatus(
  policy: Policy,
  status: Extract<PolicyStatus, 'SUSPENDED' | 'CANCELLED'>,
  today: CalendarDate,
): Policy {
  return {
    ...policy,
    status,
    ...(status === 'CANCELLED' ? { cancelledOn: today } : {}),
    revision: policy.revision + 1,
  };
}

function addCast(
  builder: DemoRegistryBuilder,
  customers: readonly DemoCustomer[],
  today: CalendarDate,
): Record<CastRole, DemoPolicy> {
  const byId = new Map(customers.map((customer) => [customer.id, customer]));
  const cast = {} as Record<CastRole, DemoPolicy>;
  for (const script of scriptedPolicies(customers, today)) {
    const holder = byId.get(script.holderId);
    if (!holder) throw new Error(`no demo customer ${script.holderId}`);
    cast[script.role] = builder.addScripted(script, holder);
  }
  return cast;
}

/**
 * The demo registry's policies, built by the policy domain itself: first the cast's, which the demo
 * promises on every date (see cast.ts), then one to three for every other customer, every product and
 * every status, priced by the real tariffs, with instalments due so far paid. The same customers and
 * the same day give the same registry.
 */
export function demoPolicies(customers: readonly DemoCustomer[], now: Date): DemoPolicyRegistry {
  const today = moscowDate(now);
  const random = new SeededRandom(SEED);
  const builder = new DemoRegistryBuilder(random, today);
  const cast = addCast(builder, customers, today);
  for (const customer of customers) {
    if (CAST_HOLDERS.has(customer.id)) continue;
    const count = random.integer(1, 3);
    for (let i = 0; i < count; i += 1) builder.add(customer);
  }
  return { policies: builder.policies, sequences: { ...builder.sequences }, cast };
}

/**
 * Only the cast's policies, exactly as `demoPolicies` makes them (they come first there): cheap
 * enough to build for every day of several years.
 */
export function demoPolicyCast(customers: readonly DemoCustomer[], now: Date): Record<CastRole, DemoPolicy> {
  const today = moscowDate(now);
  return addCast(new DemoRegistryBuilder(new SeededRandom(SEED), today), customers, today);
}
