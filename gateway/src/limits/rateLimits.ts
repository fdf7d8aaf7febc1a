import type { Principal } from '@cabinet/kernel';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { RateDecision, RequestBudgets } from './requestBudgets.ts';

/**
 * Every GraphQL request spends from two budgets: its caller's (by principal, or by IP address for
 * anonymous callers) and its IP address's, which bounds what one machine can do with many tokens.
 * Anonymous callers, customers, staff and partners have budgets of their own sizes. A refusal is a 429
 * with Retry-After and RATE_LIMITED.
 */
export function useRateLimits(options: {
  readonly budgets: RequestBudgets;
  readonly graphqlPath: string;
  readonly principalOf: (request: Request) => Principal | undefined;
}): GatewayPlugin {
  const { budgets } = options;
  return {
    async onRequest(payload) {
      const { request, url, serverContext, fetchAPI } = payload;
      if (url.pathname !== options.graphqlPath) return;
      const principal = options.principalOf(request) ?? { kind: 'anonymous' };
      const decision = await spendRequestBudgets(budgets, principal, addressOf(serverContext));
      if (decision.allowed) return;
      payload.endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message: RATE_LIMITED_MESSAGE,
                extensions: { code: 'RATE_LIMITED', retryAfterSeconds: decision.retryAfterSeconds },
              },
            ],
          }),
          {
            status: 429,
            headers: {
              'content-type': 'application/json; charset=utf-8',
              'retry-after': String(decision.retryAfterSeconds),
            },
          },
        ),
      );
    },
  };
}

export const RATE_LIMITED_MESSAGE = 'Слишком много запросов. Повторите попытку чуть позже.';

/** Spends one request from the caller's budget (by IP address for anonymous callers), then from the address's. */
export async function spendRequestBudgets(
  budgets: RequestBudgets,
  principal: Principal,
  ip: string,
): Promise<RateDecision> {
  for (const [budget, key] of [
    [principal.kind, principalKey(principal) ?? `anonymous:${ip}`],
    ['ip', `ip:${ip}`],
  ] as const) {
    const decision = await budgets.take(budget, key);
    if (!decision.allowed) return decision;
  }
  return { allowed: true };
}

/** The key a caller's budgets are kept under; anonymous callers have none. */
export function principalKey(principal: Principal): string | undefined {
  switch (principal.kind) {
    case 'anonymous':
      return undefined;
    case 'customer':
      return `customer:${principal.customerId}`;
    case 'staff':
      return `staff:${principal.staffId}`;
    case 'partner':
      return `partner:${principal.partnerId}`;
    default: {
      const _exhaustive: never = principal;
      return _exhaustive;
    }
  }
}

/** The peer address of the TCP connection; a proxy in front must be the one that limits by client IP. */
function addressOf(serverContext: unknown): string {
  const req = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req;
  return req?.socket?.remoteAddress ?? 'unknown';
}
