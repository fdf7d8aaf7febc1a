import { isDomainError, type ErrorCode } from '@cabinet/kernel';
import type { AccessTokenVerifier } from '@cabinet/platform/auth';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { principalKey } from './rateLimits.ts';

export interface SubscriptionCaps {
  readonly perSocket: number;
  readonly perPrincipal: number;
  readonly perIp: number;
}

const TOO_MANY_SUBSCRIPTIONS: ErrorCode = 'TOO_MANY_SUBSCRIPTIONS';

/** Who holds a subscription: the socket it runs on (none over SSE), its caller (none when anonymous), its address. */
export interface SubscriptionHolder {
  readonly socket: object | undefined;
  readonly principal: string | undefined;
  readonly ip: string;
}

/**
 * Caps the subscriptions open at once per WebSocket, per caller and per IP address, over WebSocket and
 * SSE alike: each holds an upstream subscription and a queue at claims, so one client could otherwise
 * open them without end. One over a cap is refused with TOO_MANY_SUBSCRIPTIONS; its place is freed
 * when a subscription ends, however it ends.
 */
export function useSubscriptionCaps(
  caps: SubscriptionCaps,
  holderOf: (context: unknown) => Promise<SubscriptionHolder>,
): GatewayPlugin {
  const bySocket = new WeakMap<object, number>();
  const byPrincipal = new Map<string, number>();
  const byIp = new Map<string, number>();
  const countIn = <K>(counts: { get(key: K): number | undefined; set(key: K, value: number): unknown }) => ({
    full: (key: K, cap: number) => (counts.get(key) ?? 0) >= cap,
    add: (key: K, delta: number) => counts.set(key, (counts.get(key) ?? 0) + delta),
  });
  const sockets = countIn(bySocket);
  const principals = countIn(byPrincipal);
  const ips = countIn(byIp);

  const refusalFor = (holder: SubscriptionHolder): GraphQLError | undefined => {
    if (holder.socket && sockets.full(holder.socket, caps.perSocket))
      return tooMany(`не больше ${caps.perSocket} на одном соединении`, caps.perSocket);
    if (holder.principal !== undefined && principals.full(holder.principal, caps.perPrincipal))
      return tooMany(`не больше ${caps.perPrincipal} у одного пользователя`, caps.perPrincipal);
    if (ips.full(holder.ip, caps.perIp))
      return tooMany(`не больше ${caps.perIp} с одного адреса`, caps.perIp);
    return undefined;
  };
  const hold = (holder: SubscriptionHolder, delta: 1 | -1) => {
    if (holder.socket) sockets.add(holder.socket, delta);
    if (holder.principal !== undefined) {
      principals.add(holder.principal, delta);
      if (byPrincipal.get(holder.principal) === 0) byPrincipal.delete(holder.principal);
    }
    ips.add(holder.ip, delta);
    if (byIp.get(holder.ip) === 0) byIp.delete(holder.ip);
  };

  return {
    async onSubscribe({ args, setResultAndStopExecution }) {
      const holder = await holderOf(args.contextValue);
      const refusal = refusalFor(holder);
      if (refusal) {
        setResultAndStopExecution({ errors: [refusal] });
        return undefined;
      }
      // Held from now, so that subscriptions started together cannot all pass the check.
      hold(holder, 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        hold(holder, -1);
      };
      return {
        onSubscribeResult({ result }) {
          if (!(Symbol.asyncIterator in result)) {
            release();
            return undefined;
          }
          return { onEnd: release };
        },
        onSubscribeError: release,
      };
    },
  };
}

function tooMany(limit: string, cap: number): GraphQLError {
  return new GraphQLError(`Слишком много подписок: ${limit}. Закройте ненужные и повторите.`, {
    extensions: { code: TOO_MANY_SUBSCRIPTIONS, limit: cap },
  });
}

/**
 * A subscription's holder from its context: the socket graphql-ws runs it on, the caller its request's
 * (already verified) token names, the peer address of the connection it came over.
 */
export function holderFromContext(
  verifier: AccessTokenVerifier,
): (context: unknown) => Promise<SubscriptionHolder> {
  return async (context) => {
    const parts = context as {
      socket?: object;
      request?: Request;
      req?: { socket?: { remoteAddress?: string } };
    };
    let principal: string | undefined;
    try {
      principal = principalKey(
        await verifier.principalFromAuthorization(parts.request?.headers.get('authorization')),
      );
    } catch (error) {
      // A bad token is refused by the authentication check; it holds nothing here.
      if (!isDomainError(error)) throw error;
    }
    return { socket: parts.socket, principal, ip: parts.req?.socket?.remoteAddress ?? 'unknown' };
  };
}
