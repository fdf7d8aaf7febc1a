import { DomainError } from '../errors/domainError.ts';

export type ValidationCode = 'INVALID_INN' | 'INVALID_SNILS' | 'INVALID_PHONE' | 'INVALID_PASSPORT';

/** Why a value was rejected: the same stable code and Russian message a DomainError would carry. */
export interface ValidationFailure {
  readonly ok: false;
  readonly code: ValidationCode;
  readonly message: string;
}

export interface ValidationSuccess<T> {
  readonly ok: true;
  readonly value: T;
}

export type Validated<T> = ValidationSuccess<T> | ValidationFailure;

export function valid<T>(value: T): ValidationSuccess<T> {
  return { ok: true, value };
}

export function invalid(code: ValidationCode, message: string): ValidationFailure {
  return { ok: false, code, message };
}

/** For callers that treat a bad value as a client error: the value, or a DomainError naming the field. */
export function valueOrThrow<T>(result: Validated<T>, field: string): T {
  if (result.ok) return result.value;
  throw new DomainError(result.code, result.message, { field });
}
