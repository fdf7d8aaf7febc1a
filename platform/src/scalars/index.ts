export * from './scalars.ts';
export { InvalidScalarValue, isInvalidScalarValue } from './invalidScalarValue.ts';
export { russianInputError } from './russianInputErrors.ts';
