import { DomainError, type StaffRole } from '@cabinet/kernel';

export interface StaffRecord {
  readonly id: string;
  readonly login: string;
  readonly fullName: string;
  readonly roles: readonly StaffRole[];
  readonly passwordHash: string;
  readonly active: boolean;
}

/** Login or password, never which one: a wrong login must not be told apart from a wrong password. */
export const invalidCredentials = () => new DomainError('INVALID_CREDENTIALS', 'Неверный логин или пароль.');

/** Logins are compared case-insensitively and without surrounding spaces. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}
