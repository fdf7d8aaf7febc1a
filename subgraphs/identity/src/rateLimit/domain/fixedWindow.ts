import { DomainError } from '@cabinet/kernel';

/** Attempts counted in one fixed window that starts at the first attempt. */
export interface AttemptWindow {
  readonly startedAt: string;
  readonly count: number;
}

export interface WindowLimit {
  readonly max: number;
  readonly windowMs: number;
}

export type WindowDecision =
  | { readonly allowed: true; readonly window: AttemptWindow }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Counts one more attempt, or refuses it while the window is full and says when to retry. */
export function countAttempt(window: AttemptWindow | null, limit: WindowLimit, now: Date): WindowDecision {
  const endsAt = window ? new Date(window.startedAt).getTime() + limit.windowMs : 0;
  if (!window || now.getTime() >= endsAt) {
    return { allowed: true, window: { startedAt: now.toISOString(), count: 1 } };
  }
  if (window.count >= limit.max) {
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) };
  }
  return { allowed: true, window: { ...window, count: window.count + 1 } };
}

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new DomainError(
    'TOO_MANY_ATTEMPTS',
    `Слишком много попыток входа. Повторите через ${Math.ceil(retryAfterSeconds / 60)} мин.`,
    { retryAfterSeconds },
  );
