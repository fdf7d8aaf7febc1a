import { timingSafeEqual, createHash } from 'node:crypto';
import { ESIA_ERRORS } from './esiaErrors.ts';
import { findPersonByLogin, mobileOf } from './logins.ts';
import type { EsiaTestPerson } from './persons.ts';
import type { AuthorizationRequest, EmulatorState, SignInAttempt } from './state.ts';

export const SIGN_IN_LIMITS = {
  attemptTtlMs: 30 * 60_000,
  smsTtlMs: 5 * 60_000,
  smsAttempts: 3,
  passwordFailures: 5,
  lockoutMs: 15 * 60_000,
  codeTtlMs: 5 * 60_000,
} as const;

/** The SMS a person would receive; the emulator logs it and hands it to an in-process hook. */
export interface SmsMessage {
  readonly oid: number;
  readonly phone: string;
  readonly code: string;
  readonly attemptId: string;
}

export interface SignInDeps {
  readonly state: EmulatorState;
  readonly persons: readonly EsiaTestPerson[];
  readonly now: () => Date;
  readonly newId: () => string;
  readonly newSmsCode: () => string;
  readonly sendSms: (sms: SmsMessage) => void;
}

export type StepOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

const later = (now: Date, ms: number) => new Date(now.getTime() + ms);

export function startAttempt(deps: SignInDeps, request: AuthorizationRequest): SignInAttempt {
  const attempt: SignInAttempt = {
    id: deps.newId(),
    request,
    expiresAt: later(deps.now(), SIGN_IN_LIMITS.attemptTtlMs),
    step: 'credentials',
  };
  deps.state.attempts.set(attempt.id, attempt);
  return attempt;
}

/** The attempt behind a page, unless it is unknown or expired. */
export function findAttempt(deps: SignInDeps, id: unknown): SignInAttempt | undefined {
  const attempt = typeof id === 'string' ? deps.state.attempts.get(id) : undefined;
  if (attempt && attempt.expiresAt <= deps.now()) {
    deps.state.attempts.delete(attempt.id);
    return undefined;
  }
  return attempt;
}

function samePassword(entered: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(entered), digest(expected));
}

const minutesUntil = (moment: Date, now: Date) =>
  Math.max(1, Math.ceil((moment.getTime() - now.getTime()) / 60_000));

/** Password check with lockout: the fifth wrong password in a row locks the account for 15 minutes. */
export function submitCredentials(
  deps: SignInDeps,
  attempt: SignInAttempt,
  login: string,
  password: string,
): StepOutcome {
  const now = deps.now();
  const person = findPersonByLogin(deps.persons, login);
  if (!person) return { ok: false, message: 'Неверный логин или пароль.' };

  const failures = deps.state.failures.get(person.oid) ?? { count: 0 };
  if (failures.lockedUntil && failures.lockedUntil > now) {
    const minutes = minutesUntil(failures.lockedUntil, now);
    return {
      ok: false,
      message: `Вход временно заблокирован из-за неверно введённых паролей. Повторите через ${minutes} мин.`,
    };
  }
  if (!samePassword(password, person.password)) {
    const count = failures.lockedUntil ? 1 : failures.count + 1;
    if (count >= SIGN_IN_LIMITS.passwordFailures) {
      deps.state.failures.set(person.oid, { count: 0, lockedUntil: later(now, SIGN_IN_LIMITS.lockoutMs) });
      return {
        ok: false,
        message: `Вход временно заблокирован из-за неверно введённых паролей. Повторите через ${SIGN_IN_LIMITS.lockoutMs / 60_000} мин.`,
      };
    }
    deps.state.failures.set(person.oid, { count });
    const left = SIGN_IN_LIMITS.passwordFailures - count;
    return { ok: false, message: `Неверный логин или пароль. Осталось попыток: ${left}.` };
  }

  deps.state.failures.delete(person.oid);
  const phone = mobileOf(person);
  if (!phone) return { ok: false, message: 'Для входа нужен подтверждённый номер мобильного телефона.' };
  const code = deps.newSmsCode();
  attempt.oid = person.oid;
  attempt.step = 'sms';
  attempt.sms = {
    code,
    expiresAt: later(now, SIGN_IN_LIMITS.smsTtlMs),
    attemptsLeft: SIGN_IN_LIMITS.smsAttempts,
  };
  deps.sendSms({ oid: person.oid, phone, code, attemptId: attempt.id });
  return { ok: true };
}

/** An expired code or too many wrong ones send the person back to the password step. */
export function submitSmsCode(deps: SignInDeps, attempt: SignInAttempt, code: string): StepOutcome {
  const sms = attempt.sms;
  if (attempt.step !== 'sms' || !sms) return { ok: false, message: 'Сначала введите логин и пароль.' };
  const restart = (message: string): StepOutcome => {
    attempt.step = 'credentials';
    delete attempt.sms;
    delete attempt.oid;
    return { ok: false, message };
  };
  if (sms.expiresAt <= deps.now()) return restart('Срок действия кода истёк. Войдите снова.');
  if (code.trim() !== sms.code) {
    sms.attemptsLeft -= 1;
    if (sms.attemptsLeft <= 0) return restart('Код введён неверно несколько раз. Войдите снова.');
    return { ok: false, message: `Неверный код. Осталось попыток: ${sms.attemptsLeft}.` };
  }
  attempt.step = 'consent';
  delete attempt.sms;
  return { ok: true };
}

/** The redirect back to the client: a one-time code on consent, ESIA-007004 on refusal. */
export function decideConsent(deps: SignInDeps, attempt: SignInAttempt, allow: boolean): URL {
  const { request } = attempt;
  deps.state.attempts.delete(attempt.id);
  const target = new URL(request.redirectUri);
  if (!allow || attempt.oid === undefined) {
    target.searchParams.set('error', ESIA_ERRORS['007004'].error);
    target.searchParams.set('error_description', `ESIA-007004: ${ESIA_ERRORS['007004'].text}`);
  } else {
    const now = deps.now();
    const code = deps.newId();
    deps.state.codes.set(code, {
      request,
      oid: attempt.oid,
      sessionId: deps.newId(),
      authTime: now,
      expiresAt: later(now, SIGN_IN_LIMITS.codeTtlMs),
    });
    target.searchParams.set('code', code);
  }
  target.searchParams.set('state', request.state);
  return target;
}
