import type { DemoCustomer } from './customers.ts';
import { SeededRandom } from './random.ts';

export type DemoProduct = 'OSAGO' | 'KASKO' | 'DMS' | 'PROPERTY' | 'MORTGAGE' | 'TRAVEL' | 'ACCIDENT';
export type DemoPolicyStatus = 'ACTIVE' | 'RENEWED' | 'SUSPENDED' | 'EXPIRED' | 'CANCELLED';

export interface DemoPolicy {
  readonly id: string;
  readonly number: string;
  readonly product: DemoProduct;
  readonly status: DemoPolicyStatus;
  readonly holderId: string;
  readonly soldByPartnerId: string | null;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly createdAt: string;
}

/** Partners that sold some of the demo policies (a bank and a car dealer). */
export const DEMO_PARTNERS = [
  { id: 'b1c5a3f0-6f1e-4c52-9b0e-2f8e0d7a4a11', name: 'Банк «Пример»' },
  { id: 'c2d6b4e1-7a2f-4d63-8c1f-3a9f1e8b5b22', name: 'Автосалон «Демо»' },
] as const;

const PRODUCTS: readonly DemoProduct[] = ['OSAGO', 'OSAGO', 'KASKO', 'DMS', 'PROPERTY', 'MORTGAGE', 'TRAVEL', 'ACCIDENT'];
const SEED = 4_002;
const DAY = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function numberFor(product: DemoProduct, random: SeededRandom): string {
  switch (product) {
    case 'OSAGO':
      return `ХХХ ${random.digits(10)}`;
    case 'KASKO':
      return `КАС-${random.digits(8)}`;
    case 'DMS':
      return `ДМС-${random.digits(8)}`;
    case 'PROPERTY':
      return `ИМ-${random.digits(8)}`;
    case 'MORTGAGE':
      return `ИП-${random.digits(8)}`;
    case 'TRAVEL':
      return `ВЗР-${random.digits(8)}`;
    case 'ACCIDENT':
      return `НС-${random.digits(8)}`;
  }
}

/** One to three policies per customer, mostly in force around `today`, with every product and status. */
export function demoPolicies(customers: readonly DemoCustomer[], today: Date): DemoPolicy[] {
  const random = new SeededRandom(SEED);
  return customers.flatMap((customer) =>
    Array.from({ length: random.integer(1, 3) }, () => {
      const product = random.pick(PRODUCTS);
      const start = today.getTime() - random.integer(0, 500) * DAY;
      const end = start + (product === 'TRAVEL' ? random.integer(7, 30) : 364) * DAY;
      const lapsed = end < today.getTime();
      const roll = random.next();
      const status: DemoPolicyStatus = lapsed
        ? roll < 0.7
          ? 'EXPIRED'
          : 'RENEWED'
        : roll < 0.9
          ? 'ACTIVE'
          : roll < 0.95
            ? 'SUSPENDED'
            : 'CANCELLED';
      return {
        id: random.uuid(),
        number: numberFor(product, random),
        product,
        status,
        holderId: customer.id,
        soldByPartnerId: random.next() < 0.2 ? random.pick(DEMO_PARTNERS).id : null,
        periodStart: isoDate(start),
        periodEnd: isoDate(end),
        createdAt: new Date(start - DAY).toISOString(),
      };
    }),
  );
}
