export const PRODUCTS = ['OSAGO', 'KASKO', 'DMS', 'PROPERTY', 'MORTGAGE', 'TRAVEL', 'ACCIDENT'] as const;
export type Product = (typeof PRODUCTS)[number];

export const PRODUCT_LABELS: Readonly<Record<Product, string>> = {
  OSAGO: 'ОСАГО',
  KASKO: 'КАСКО',
  DMS: 'ДМС',
  PROPERTY: 'Страхование имущества',
  MORTGAGE: 'Ипотечное страхование',
  TRAVEL: 'Страхование путешественников (ВЗР)',
  ACCIDENT: 'Страхование от несчастных случаев',
};

interface ProductTerms {
  /** Contract terms a customer may choose, in months. */
  readonly termMonths: readonly number[];
  /** How many instalments a premium may be split into; each must divide the term evenly. */
  readonly instalmentCounts: readonly number[];
  /**
   * Earliest start of a new term, in days after the day it is bought. An e-ОСАГО contract starts no
   * earlier than 3 days after it is signed (research/esia-domain.md §4); the others start tomorrow.
   */
  readonly startLeadDays: number;
}

/**
 * ОСАГО is a one-year contract paid in one sum (seasonal use is priced by КС, not by a shorter
 * term). ВЗР sells annual multi-trip cover as well as short trips; НС is sold for a season too.
 */
export const PRODUCT_TERMS: Readonly<Record<Product, ProductTerms>> = {
  OSAGO: { termMonths: [12], instalmentCounts: [1], startLeadDays: 3 },
  KASKO: { termMonths: [6, 12], instalmentCounts: [1, 2, 4], startLeadDays: 1 },
  DMS: { termMonths: [12], instalmentCounts: [1, 2, 4, 12], startLeadDays: 1 },
  PROPERTY: { termMonths: [6, 12], instalmentCounts: [1, 2], startLeadDays: 1 },
  MORTGAGE: { termMonths: [12], instalmentCounts: [1, 12], startLeadDays: 1 },
  TRAVEL: { termMonths: [1, 3, 6, 12], instalmentCounts: [1], startLeadDays: 1 },
  ACCIDENT: { termMonths: [3, 6, 12], instalmentCounts: [1], startLeadDays: 1 },
};
