import { ANONYMOUS, type Principal } from '@cabinet/kernel';
import { bearerToken, whenExpired, type AccessTokenVerifier } from '../auth/accessTokens.ts';
import type { Logger } from '../logging/logger.ts';
import { requestIdFrom } from '../logging/requestId.ts';
import type { RequestContext } from './context.ts';

/** Whose operation it is: the socket's caller, or the subscriber a shared connection named for one operation. */
export interface Caller {
  readonly principal: Principal;
  readonly authorization: string | undefined;
  readonly expiry?: NodeJS.Timeout;
}

export const ANONYMOUS_CALLER: Caller = { principal: ANONYMOUS, authorization: undefined };

/**
 * The verified caller a token names (`Bearer …` or bare), undefined when there is none; when the token
 * expires, `onExpiry` ends what it was given. A bad token throws the verifier's domain error.
 */
export function callerVerifier(
  verifier: AccessTokenVerifier,
): (raw: unknown, onExpiry: () => void) => Promise<Caller | undefined> {
  return async (raw, onExpiry) => {
    const token = typeof raw === 'string' ? bearerToken(raw) : undefined;
    if (token === undefined) return undefined;
    const verified = await verifier.verify(token);
    return { principal: verified.principal, authorization: token, expiry: whenExpired(verified, onExpiry) };
  };
}

/** The context a socket operation runs in, as its caller's, under the upgrade request's request id. */
export function callerContext(
  caller: Caller,
  requestIdHeader: string | string[] | undefined,
  log: Logger,
  services: unknown,
): RequestContext {
  const requestId = requestIdFrom(typeof requestIdHeader === 'string' ? requestIdHeader : undefined);
  return {
    principal: caller.principal,
    requestId,
    log: log.child({ requestId }),
    authorization: caller.authorization,
    services,
  };
}
