export * from './luhn.ts';
export * from './card.ts';
export * from './declines.ts';
export * from './payment.ts';
export * from './idempotency.ts';
