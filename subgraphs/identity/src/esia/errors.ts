import { DomainError } from '@cabinet/kernel';

/** Our stable codes for what went wrong at Gosuslugi, grouped by what the customer can do about it. */
export type GosuslugiErrorCode =
  | 'GOSUSLUGI_ACCESS_DENIED'
  | 'GOSUSLUGI_SIGN_IN_EXPIRED'
  | 'ACCOUNT_NOT_CONFIRMED'
  | 'GOSUSLUGI_TWO_FACTOR_UNAVAILABLE'
  | 'GOSUSLUGI_PERMISSION_DENIED'
  | 'GOSUSLUGI_UNAVAILABLE'
  | 'GOSUSLUGI_INTEGRATION_ERROR'
  | 'GOSUSLUGI_TOKEN_INVALID'
  | 'GOSUSLUGI_UNEXPECTED_RESPONSE';

const SUPPORT = (reference: string) =>
  `Если ошибка повторится, обратитесь в поддержку и назовите код ошибки ${reference}.`;

function messageFor(code: GosuslugiErrorCode, reference: string): string {
  switch (code) {
    case 'GOSUSLUGI_ACCESS_DENIED':
      return 'Вы отказались предоставить доступ к данным на Госуслугах, поэтому вход не выполнен. Чтобы войти, начните вход заново и разрешите доступ.';
    case 'GOSUSLUGI_SIGN_IN_EXPIRED':
      return 'Время на вход истекло или ссылка для входа уже использована. Начните вход через Госуслуги заново.';
    case 'ACCOUNT_NOT_CONFIRMED':
      return 'Ваша учётная запись на Госуслугах не подтверждена. Подтвердите её в центре обслуживания, через онлайн-банк или электронной подписью и войдите снова.';
    case 'GOSUSLUGI_TWO_FACTOR_UNAVAILABLE':
      return `Для входа нужен код подтверждения, но он недоступен для вашей учётной записи. Проверьте номер телефона и настройки безопасности в профиле на Госуслугах и повторите вход. ${SUPPORT(reference)}`;
    case 'GOSUSLUGI_PERMISSION_DENIED':
      return `Госуслуги не разрешили доступ к вашим данным. Проверьте данные в профиле на Госуслугах и повторите вход. ${SUPPORT(reference)}`;
    case 'GOSUSLUGI_UNAVAILABLE':
      return 'Госуслуги сейчас не отвечают или перегружены. Повторите вход через несколько минут.';
    case 'GOSUSLUGI_INTEGRATION_ERROR':
      return `Не удалось выполнить вход через Госуслуги из-за технической ошибки. Повторите попытку через несколько минут. ${SUPPORT(reference)}`;
    case 'GOSUSLUGI_TOKEN_INVALID':
      return `Не удалось подтвердить вход через Госуслуги. Начните вход заново. ${SUPPORT(reference)}`;
    case 'GOSUSLUGI_UNEXPECTED_RESPONSE':
      return `Госуслуги вернули неполные данные. Проверьте ФИО, дату рождения и документы в профиле на Госуслугах и повторите вход. ${SUPPORT(reference)}`;
    default: {
      const _exhaustive: never = code;
      return _exhaustive;
    }
  }
}

/** ESIA's own codes (ESIA-0070xx) and how we treat each. */
export const ESIA_ERROR_CODES: Readonly<Record<string, { meaning: string; code: GosuslugiErrorCode }>> = {
  'ESIA-007002': { meaning: 'certificate and client mnemonic mismatch', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007003': { meaning: 'bad or duplicated parameter', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007004': {
    meaning: 'resource owner or authorization service denied',
    code: 'GOSUSLUGI_ACCESS_DENIED',
  },
  'ESIA-007005': { meaning: 'grant method not allowed for the client', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007006': { meaning: 'bad scope', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007007': { meaning: 'authorization service error', code: 'GOSUSLUGI_UNAVAILABLE' },
  'ESIA-007008': {
    meaning: 'authorization service overloaded or under maintenance',
    code: 'GOSUSLUGI_UNAVAILABLE',
  },
  'ESIA-007009': { meaning: 'grant method not supported', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007011': {
    meaning: 'code or refresh token invalid, expired or foreign',
    code: 'GOSUSLUGI_SIGN_IN_EXPIRED',
  },
  'ESIA-007012': { meaning: 'response type not supported', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007013': { meaning: 'no scope', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007014': { meaning: 'mandatory parameter missing', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007015': { meaning: 'bad request time (timestamp)', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007019': { meaning: 'no permission', code: 'GOSUSLUGI_PERMISSION_DENIED' },
  'ESIA-007023': { meaning: 'redirect_uri not registered', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007038': { meaning: 'cannot parse request parameters', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007039': { meaning: 'code_challenge missing', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007040': { meaning: 'code_verifier mismatch', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007046': {
    meaning: 'second factor required but unavailable',
    code: 'GOSUSLUGI_TWO_FACTOR_UNAVAILABLE',
  },
  'ESIA-007053': {
    meaning: 'bad client_secret or inactive certificate',
    code: 'GOSUSLUGI_INTEGRATION_ERROR',
  },
  'ESIA-007055': { meaning: 'unconfirmed account', code: 'ACCOUNT_NOT_CONFIRMED' },
  'ESIA-007060': { meaning: 'bad roles', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007061': { meaning: 'bad obj_type', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007062': { meaning: 'bad user type or role', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
  'ESIA-007194': { meaning: 'organisation scope for a non-employee', code: 'GOSUSLUGI_PERMISSION_DENIED' },
  'ESIA-008010': { meaning: 'client authentication failed', code: 'GOSUSLUGI_INTEGRATION_ERROR' },
};

/** The `ESIA-NNNNNN` code at the start of an `error_description`, if any. */
export function esiaCodeOf(description: string | undefined): string | undefined {
  return /^\s*(ESIA-\d{6})/.exec(description ?? '')?.[1];
}

/** `esiaCode` is ESIA's own code when ESIA reported one; support is then told that code. */
export function gosuslugiError(
  code: GosuslugiErrorCode,
  esiaCode?: string,
  details: Readonly<Record<string, unknown>> = {},
): DomainError {
  const facts = esiaCode ? { ...details, esiaCode } : details;
  return new DomainError(code, messageFor(code, esiaCode ?? code), facts);
}

/**
 * Turns an ESIA error (the `error` / `error_description` pair of a callback or a token response)
 * into our error. An unknown ESIA code is still reported with that code so support can look it up.
 */
export function esiaErrorToDomainError(
  error: string | undefined,
  description: string | undefined,
): DomainError {
  const esiaCode = esiaCodeOf(description);
  if (esiaCode) {
    const known = ESIA_ERROR_CODES[esiaCode];
    return gosuslugiError(known?.code ?? 'GOSUSLUGI_INTEGRATION_ERROR', esiaCode, { esiaError: error });
  }
  if (error === 'access_denied')
    return gosuslugiError('GOSUSLUGI_ACCESS_DENIED', 'ESIA-007004', { esiaError: error });
  if (error === 'temporarily_unavailable' || error === 'server_error') {
    return gosuslugiError('GOSUSLUGI_UNAVAILABLE', 'ESIA-007007', { esiaError: error });
  }
  return gosuslugiError('GOSUSLUGI_INTEGRATION_ERROR', undefined, { esiaError: error });
}
