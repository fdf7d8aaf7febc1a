/** ESIA's error codes the emulator produces, with the OAuth `error` ESIA pairs each with. */
export const ESIA_ERRORS = {
  '007002': { error: 'unauthorized_client', text: 'Certificate does not match the client mnemonic' },
  '007003': { error: 'invalid_request', text: 'The request has an invalid or duplicated parameter' },
  '007004': { error: 'access_denied', text: 'The resource owner or authorization server denied the request' },
  '007006': { error: 'invalid_scope', text: 'The requested scope is invalid, unknown or malformed' },
  '007009': { error: 'unsupported_grant_type', text: 'The authorization grant type is not supported' },
  '007011': {
    error: 'invalid_grant',
    text: 'The authorization code or refresh token is invalid, expired or revoked',
  },
  '007012': { error: 'unsupported_response_type', text: 'The response type is not supported' },
  '007013': { error: 'invalid_scope', text: 'The request does not contain the scope' },
  '007014': { error: 'invalid_request', text: 'The request does not contain the mandatory parameter' },
  '007015': { error: 'invalid_request', text: 'Invalid request time' },
  '007023': { error: 'invalid_request', text: 'The redirect_uri is not registered for the client' },
  '007053': { error: 'invalid_client', text: 'client_secret is invalid or the certificate is not active' },
  '008010': { error: 'invalid_client', text: 'Client authentication failed' },
} as const;

export type EsiaErrorNumber = keyof typeof ESIA_ERRORS;

/** A rejected request: which ESIA code, and which parameter it is about (for the log only). */
export class EsiaRejection extends Error {
  constructor(
    readonly number: EsiaErrorNumber,
    readonly parameter?: string,
  ) {
    super(`ESIA-${number}: ${ESIA_ERRORS[number].text}${parameter ? ` (${parameter})` : ''}`);
    this.name = 'EsiaRejection';
  }

  get error(): string {
    return ESIA_ERRORS[this.number].error;
  }

  get description(): string {
    return `ESIA-${this.number}: ${ESIA_ERRORS[this.number].text}`;
  }
}
