import { ANONYMOUS, type Principal } from '@cabinet/kernel';
import { bearerToken, whenExpired, type AccessTokenVerifier } from '../auth/accessTokens.ts';
import { sessionIdOf, type EndedSessions } from '../auth/endedSessions.ts';
import type { Logger } from '../logging/logger.ts';
import { requestIdFrom } from '../logging/requestId.ts';
import type { RequestContext } from './context.ts';

/** Whose operation it is: the socket's caller, or the subscriber a shared connection named for one operation. */
export interface Caller {
  readonly principal: Principal;
  readonly authorization: string | undefined;
  /** Stops watching for the token's expiry and its session's end, once what it guards has ended. */
  readonly release?: () => void;
}

/** Why a caller's operations must end: its token expired, or its session ended (signed out, revoked). */
export type CallerEnd = 'expired' | 'sessionEnded';

export const ANONYMOUS_CALLER: Caller = { principal: ANONYMOUS, authorization: undefined };

/**
 * The verified caller a token names (`Bearer …` or bare), undefined when there is none; when the token
 * expires or its session ends, `onEnd` ends what it was given (once). A bad token throws the verifier's
 * domain error.
 */
export function callerVerifier(
  verifier: AccessTokenVerifier,
  endedSessions: Pick<EndedSessions, 'watch'>,
): (raw: unknown, onEnd: (why: CallerEnd) => void) => Promise<Caller | undefined> {
  return async (raw, onEnd) => {
    const token = typeof raw === 'string' ? bearerToken(raw) : undefined;
    if (token === undefined) return undefined;
    const verified = await verifier.verify(token);
    const sessionId = sessionIdOf(verified.principal);
    let unwatch = () => {};
    const expiry = whenExpired(verified, () => {
      unwatch();
      onEnd('expired');
    });
    if (sessionId !== undefined) {
      unwatch = endedSessions.watch(sessionId, () => {
        clearTimeout(expiry);
        onEnd('sessionEnded');
      });
    }
    return {
      principal: verified.principal,
      authorization: token,
      release: () => {
        clearTimeout(expiry);
        unwatch();
      },
    };
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
