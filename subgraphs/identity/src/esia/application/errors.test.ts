import { describe, expect, it } from 'vitest';
import { esiaCodeOf, esiaErrorToDomainError } from './errors.ts';

describe('esiaErrorToDomainError', () => {
  it.each([
    {
      error: 'access_denied',
      description: 'ESIA-007004: The resource owner denied',
      code: 'GOSUSLUGI_ACCESS_DENIED',
      advice: /разрешите доступ/,
    },
    {
      error: 'invalid_grant',
      description: 'ESIA-007011: Code is invalid',
      code: 'GOSUSLUGI_SIGN_IN_EXPIRED',
      advice: /заново/,
    },
    {
      error: 'invalid_request',
      description: 'ESIA-007015: Bad timestamp',
      code: 'GOSUSLUGI_INTEGRATION_ERROR',
      advice: /ESIA-007015/,
    },
    {
      error: 'invalid_client',
      description: 'ESIA-007053: Bad client_secret',
      code: 'GOSUSLUGI_INTEGRATION_ERROR',
      advice: /поддержку.*ESIA-007053/,
    },
    {
      error: 'access_denied',
      description: 'ESIA-007055: Unconfirmed account',
      code: 'ACCOUNT_NOT_CONFIRMED',
      advice: /Подтвердите/,
    },
    {
      error: 'invalid_request',
      description: 'ESIA-007019: No permission',
      code: 'GOSUSLUGI_PERMISSION_DENIED',
      advice: /профиле на Госуслугах.*ESIA-007019/,
    },
    {
      error: 'server_error',
      description: 'ESIA-007008: Overloaded',
      code: 'GOSUSLUGI_UNAVAILABLE',
      advice: /через несколько минут/,
    },
    {
      error: 'invalid_request',
      description: 'ESIA-007046: OTP unavailable',
      code: 'GOSUSLUGI_TWO_FACTOR_UNAVAILABLE',
      advice: /номер телефона/,
    },
    {
      error: 'invalid_request',
      description: 'ESIA-009999: something new',
      code: 'GOSUSLUGI_INTEGRATION_ERROR',
      advice: /ESIA-009999/,
    },
  ])('maps $description to $code', ({ error, description, code, advice }) => {
    const mapped = esiaErrorToDomainError(error, description);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toMatch(advice);
    expect(mapped.details).toMatchObject({ esiaCode: esiaCodeOf(description), esiaError: error });
  });

  it.each([
    { error: 'access_denied', code: 'GOSUSLUGI_ACCESS_DENIED' },
    { error: 'temporarily_unavailable', code: 'GOSUSLUGI_UNAVAILABLE' },
    { error: 'invalid_request', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  ])('maps a bare OAuth error $error to $code', ({ error, code }) => {
    expect(esiaErrorToDomainError(error, undefined).code).toBe(code);
  });

  it('tells support our own code when ESIA gave none', () => {
    expect(esiaErrorToDomainError('invalid_request', 'garbled').message).toMatch(
      /GOSUSLUGI_INTEGRATION_ERROR/,
    );
  });
});
