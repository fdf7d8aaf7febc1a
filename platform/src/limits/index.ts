export * from './entityRepresentations.ts';
export * from './limitsConfig.ts';
export * from './operationCost.ts';
export * from './operationLimits.ts';
