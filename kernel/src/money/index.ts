export * from './money.ts';
export * from './rounding.ts';
export * from './scaling.ts';
export * from './decimalString.ts';
export * from './allocation.ts';
