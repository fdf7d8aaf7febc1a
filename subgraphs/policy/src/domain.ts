/** The pure policy and payments domain, for the demo registry and other code that prices policies. */
export * from './policy/domain/index.ts';
export * from './payments/domain/index.ts';
