import { isDomainError } from '@cabinet/kernel';
import {
  bearerToken,
  sessionIdOf,
  whenExpired,
  type AccessTokenVerifier,
  type EndedSessions,
} from '@cabinet/platform/auth';
import { CloseCode, type ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';

/**
 * What a socket keeps of its caller: the verified token, the timer that closes the socket when it
 * expires, and the watch that closes it when its session ends.
 */
export type SocketCaller = { authorization?: string; expiry?: NodeJS.Timeout; unwatch?: () => void };

type SocketOptions = ServerOptions<Record<string, unknown>, Extra & Partial<SocketCaller>>;

/**
 * A socket's token comes in its `connectionParams` (`authorization` or `token`, `Bearer …` or bare), or
 * in the upgrade request's Authorization header (clients that can set one), and is verified when it
 * connects: without one the socket is anonymous; a bad one, or two different ones, and it is refused;
 * when the token expires, or its session ends (signed out, revoked, consent withdrawn), the socket is
 * closed (4401).
 */
export function socketAuthentication(
  verifier: AccessTokenVerifier,
  endedSessions: Pick<EndedSessions, 'watch'>,
): Required<Pick<SocketOptions, 'onConnect' | 'onClose'>> {
  return {
    onConnect: async (ctx) => {
      const given = [
        ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['token'],
        ctx.extra.request.headers.authorization,
      ].filter((raw) => raw !== undefined && raw !== null && raw !== '');
      if (given.length === 0) return true;
      try {
        const tokens = new Set(given.map((raw) => (typeof raw === 'string' ? bearerToken(raw) : undefined)));
        const [token] = tokens;
        if (tokens.size !== 1 || token === undefined) return false;
        const verified = await verifier.verify(token);
        const { socket } = ctx.extra;
        ctx.extra.authorization = token;
        ctx.extra.expiry = whenExpired(verified, () => socket.close(CloseCode.Unauthorized, 'Token expired'));
        const sessionId = sessionIdOf(verified.principal);
        if (sessionId !== undefined) {
          ctx.extra.unwatch = endedSessions.watch(sessionId, () =>
            socket.close(CloseCode.Unauthorized, 'Session ended'),
          );
        }
        return true;
      } catch (error) {
        if (isDomainError(error)) return false;
        throw error;
      }
    },
    onClose: (ctx) => {
      clearTimeout(ctx.extra.expiry);
      ctx.extra.unwatch?.();
    },
  };
}
