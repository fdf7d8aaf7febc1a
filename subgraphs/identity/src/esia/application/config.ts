/** What ESIA knows our information system by, and how we talk to it. */
export interface EsiaClientConfig {
  /** The portal origin, e.g. https://esia.gosuslugi.ru (or the emulator's URL). */
  readonly baseUrl: string;
  /** The system's mnemonic registered in ESIA. */
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** Organisation scopes (`scope_org`); empty for a system that signs in people only. */
  readonly organizationScopes: readonly string[];
  /** `offline` makes ESIA return a refresh token. */
  readonly accessType: 'online' | 'offline';
  /** Upper bound for any one HTTP call to ESIA. */
  readonly timeoutMs: number;
}

export const DEFAULT_ESIA_SCOPES: readonly string[] = [
  'openid',
  'fullname',
  'birthdate',
  'gender',
  'snils',
  'inn',
  'id_doc',
  'mobile',
  'email',
  'contacts',
  'addresses',
];

export const ESIA_PATHS = {
  authorization: '/aas/oauth2/v2/ac',
  token: '/aas/oauth2/v3/te',
  person: (oid: string) => `/rs/prns/${encodeURIComponent(oid)}`,
  logout: '/idp/ext/Logout',
} as const;

/** The issuer ESIA writes into its tokens: http, with the trailing slash. */
export const ESIA_ISSUER = 'http://esia.gosuslugi.ru/';

export function esiaUrl(config: Pick<EsiaClientConfig, 'baseUrl'>, path: string): URL {
  return new URL(path, config.baseUrl);
}
