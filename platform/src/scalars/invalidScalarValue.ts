/**
 * A value a typed scalar refuses, with the Russian message a customer reads. Thrown as a plain Error, not a
 * GraphQLError, so that graphql-js wraps it with the literal or variable it came from: the gateway then
 * names the client's own argument or variable (see `russianInputErrors`).
 */
export class InvalidScalarValue extends Error {
  constructor(
    readonly scalar: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidScalarValue';
  }
}

export function isInvalidScalarValue(error: unknown): error is InvalidScalarValue {
  return error instanceof InvalidScalarValue;
}
