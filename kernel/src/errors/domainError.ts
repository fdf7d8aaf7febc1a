import type { ErrorCode } from './errorCode.ts';

/**
 * An expected failure that a client can act on. `code` is stable API (it reaches clients as
 * `extensions.code`); `message` is Russian because people read it; `details` are extra, non-personal
 * facts a frontend may use (a retry-after, the current status, the offending field).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Codes every service shares; capabilities add their own beside their domain. */
export const CommonErrors = {
  unauthenticated: () => new DomainError('UNAUTHENTICATED', 'Требуется вход в личный кабинет.'),
  invalidToken: () =>
    new DomainError('UNAUTHENTICATED', 'Сеанс недействителен или истёк. Войдите в личный кабинет заново.'),
  forbidden: () => new DomainError('FORBIDDEN', 'Недостаточно прав для этого действия.'),
  badInput: (field: string, message: string) => new DomainError('BAD_USER_INPUT', message, { field }),
  internal: () =>
    new DomainError('INTERNAL_SERVER_ERROR', 'Внутренняя ошибка сервиса. Повторите попытку позже.'),
} as const;
