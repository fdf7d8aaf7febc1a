import { gosuslugiError } from './errors.ts';

/** Reads fields of ESIA's JSON defensively: a missing mandatory field is a broken response, not a crash. */
export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown, what: string): JsonObject {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
  throw unexpected(`${what} is not an object`);
}

export function requiredString(object: JsonObject, field: string, what: string): string {
  const value = object[field];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw unexpected(`${what}.${field} is missing`);
}

export function optionalString(object: JsonObject, field: string): string | undefined {
  const value = object[field];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function unexpected(reason: string) {
  return gosuslugiError('GOSUSLUGI_UNEXPECTED_RESPONSE', undefined, { reason });
}
