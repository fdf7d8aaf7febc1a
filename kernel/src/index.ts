export * from './errors/index.ts';
export * from './money/index.ts';
export * from './validation/index.ts';
export * from './time/index.ts';
export * from './ids/nameBasedUuid.ts';
export * from './ids/uuid.ts';
export * from './principals/index.ts';
export * from './deciders/decider.ts';
