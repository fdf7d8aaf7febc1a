export * from './principals.ts';
export * from './deciderSpecification.ts';
