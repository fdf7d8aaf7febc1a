import { DomainError, type CalendarDate } from '@cabinet/kernel';
import { passesLuhn } from './luhn.ts';

export const CARD_BRANDS = ['MIR', 'VISA', 'MASTERCARD', 'UNIONPAY', 'JCB'] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

export const CARD_BRAND_LABELS: Readonly<Record<CardBrand, string>> = {
  MIR: 'Мир',
  VISA: 'Visa',
  MASTERCARD: 'Mastercard',
  UNIONPAY: 'UnionPay',
  JCB: 'JCB',
};

interface BrandRule {
  readonly brand: CardBrand;
  readonly prefixes: readonly (readonly [number, number])[];
  readonly lengths: readonly number[];
}

/** Issuer ranges: [first, last] of a prefix of the same number of digits. */
const BRAND_RULES: readonly BrandRule[] = [
  { brand: 'MIR', prefixes: [[2200, 2204]], lengths: [16, 17, 18, 19] },
  { brand: 'VISA', prefixes: [[4, 4]], lengths: [13, 16, 19] },
  {
    brand: 'MASTERCARD',
    prefixes: [
      [51, 55],
      [2221, 2720],
    ],
    lengths: [16],
  },
  { brand: 'UNIONPAY', prefixes: [[62, 62]], lengths: [16, 17, 18, 19] },
  { brand: 'JCB', prefixes: [[3528, 3589]], lengths: [16, 17, 18, 19] },
];

export function detectCardBrand(digits: string): CardBrand | undefined {
  return BRAND_RULES.find(
    (rule) =>
      rule.lengths.includes(digits.length) &&
      rule.prefixes.some(([first, last]) => {
        const prefix = Number(digits.slice(0, String(first).length));
        return prefix >= first && prefix <= last;
      }),
  )?.brand;
}

/** Digits only; customers type cards in groups separated by spaces or hyphens. */
export function normalizeCardNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

export interface CardExpiry {
  readonly month: number;
  readonly year: number;
}

const EXPIRY = /^(0[1-9]|1[0-2])\/(\d{2})$/;
/** Cards are issued for at most a few years; anything further out is a typo. */
const MAX_YEARS_AHEAD = 20;

/**
 * "MM/YY" as printed on the card. A card is valid through the last day of its expiry month, counted
 * on the Moscow calendar day.
 */
export function parseCardExpiry(text: string, today: CalendarDate): CardExpiry {
  const match = EXPIRY.exec(text.trim());
  const todayYear = Number(today.slice(0, 4));
  const expiry = match ? { month: Number(match[1]), year: 2000 + Number(match[2]) } : undefined;
  if (!expiry || expiry.year > todayYear + MAX_YEARS_AHEAD) {
    throw new DomainError(
      'INVALID_CARD_EXPIRY',
      'Срок действия укажите как на карте: месяц и год, например 09/28.',
      {
        field: 'expiry',
      },
    );
  }
  if (isExpired(expiry, today)) throw cardExpired();
  return expiry;
}

export function isExpired(expiry: CardExpiry, today: CalendarDate): boolean {
  const todayYear = Number(today.slice(0, 4));
  const todayMonth = Number(today.slice(5, 7));
  return expiry.year < todayYear || (expiry.year === todayYear && expiry.month < todayMonth);
}

export function cardExpired(): DomainError {
  return new DomainError(
    'CARD_EXPIRED',
    'Срок действия карты истёк. Добавьте действующую карту или выберите другую.',
    {
      field: 'expiry',
    },
  );
}

/** What we keep about a card: never the number, only what a customer needs to recognise it. */
export interface CardSummary {
  readonly brand: CardBrand;
  readonly last4: string;
  readonly expiry: CardExpiry;
}

/**
 * Validates a card a customer adds: Luhn, a supported brand, not expired. Throws INVALID_CARD_NUMBER,
 * CARD_BRAND_NOT_SUPPORTED, INVALID_CARD_EXPIRY or CARD_EXPIRED.
 */
export function summarizeCard(
  input: { readonly number: string; readonly expiry: string },
  today: CalendarDate,
): CardSummary {
  const digits = normalizeCardNumber(input.number);
  if (!/^\d{13,19}$/.test(digits) || !passesLuhn(digits)) {
    throw new DomainError(
      'INVALID_CARD_NUMBER',
      'Номер карты указан с ошибкой. Проверьте цифры на лицевой стороне карты.',
      {
        field: 'number',
      },
    );
  }
  const brand = detectCardBrand(digits);
  if (!brand) {
    throw new DomainError(
      'CARD_BRAND_NOT_SUPPORTED',
      'Карты этой платёжной системы не принимаются. Используйте карту Мир, Visa, Mastercard, UnionPay или JCB.',
      { field: 'number' },
    );
  }
  return { brand, last4: digits.slice(-4), expiry: parseCardExpiry(input.expiry, today) };
}

/** A linked card as stored: the provider's token stands in for the number. */
export interface PaymentMethod extends CardSummary {
  readonly id: string;
  readonly customerId: string;
  readonly providerToken: string;
  readonly addedAt: string;
}

/** A card chosen for a payment must be the customer's own and still valid. */
export function assertPaymentMethodUsable(
  method: PaymentMethod | undefined,
  customerId: string,
  today: CalendarDate,
): PaymentMethod {
  if (!method || method.customerId !== customerId) {
    throw new DomainError(
      'PAYMENT_METHOD_NOT_FOUND',
      'Карта не найдена. Выберите карту из списка или добавьте новую.',
      {
        field: 'paymentMethodId',
      },
    );
  }
  if (isExpired(method.expiry, today)) throw cardExpired();
  return method;
}
