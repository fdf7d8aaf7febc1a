import { DomainError } from '@cabinet/kernel';

/** How long a started Gosuslugi sign-in may take before its `state` stops being accepted. */
export const SIGN_IN_ATTEMPT_TTL_MS = 10 * 60 * 1000;

/** One Gosuslugi sign-in in progress: the `state` sent to ESIA is bound to it and used once. */
export interface SignInAttempt {
  readonly id: string;
  readonly state: string;
  readonly redirectUri: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** Set when a completion consumed the attempt, successful or not. */
  readonly usedAt: string | null;
}

export function newSignInAttempt(input: {
  id: string;
  state: string;
  redirectUri: string;
  now: Date;
}): SignInAttempt {
  return {
    id: input.id,
    state: input.state,
    redirectUri: input.redirectUri,
    createdAt: input.now.toISOString(),
    expiresAt: new Date(input.now.getTime() + SIGN_IN_ATTEMPT_TTL_MS).toISOString(),
    usedAt: null,
  };
}

export type AttemptRefusal = 'unknown' | 'used' | 'expired' | 'state_mismatch';

/** Why a completion may not use the attempt, or null when it may. */
export function refusalOf(attempt: SignInAttempt | null, state: string, now: Date): AttemptRefusal | null {
  if (!attempt) return 'unknown';
  if (attempt.usedAt !== null) return 'used';
  if (now.getTime() >= new Date(attempt.expiresAt).getTime()) return 'expired';
  if (attempt.state !== state) return 'state_mismatch';
  return null;
}

export function redirectUriNotAllowed(): DomainError {
  return new DomainError(
    'REDIRECT_URI_NOT_ALLOWED',
    'Этот адрес возврата не зарегистрирован для входа через Госуслуги. Обновите приложение или откройте личный кабинет на сайте страховой компании.',
  );
}

/** RFC 9700: redirect URIs are compared exactly, never by prefix or pattern. */
export function assertRedirectAllowed(redirectUri: string, allowlist: readonly string[]): void {
  if (!allowlist.includes(redirectUri)) throw redirectUriNotAllowed();
}
