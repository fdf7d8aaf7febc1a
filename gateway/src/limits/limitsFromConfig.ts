import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '@cabinet/kernel';
import { operationLimitsFrom } from '@cabinet/platform/limits';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { GatewayConfig } from '../config.ts';
import { useRefusalCodes } from './refusalCodes.ts';
import { guardHttpRequest } from './httpGuards.ts';
import { useOperationLimits } from './operationLimits.ts';
import { MongoClient } from 'mongodb';
import { spendRequestBudgets, useRateLimits } from './rateLimits.ts';
import { RequestBudgets } from './requestBudgets.ts';

/** Header a client sends to say which app it is (`web`, `mobile`, a partner's name); also satisfies CSRF checks. */
export const CLIENT_NAME_HEADER = 'x-client-name';

export type GatewayLimits = ReturnType<typeof limitsFromConfig>;

/** The MongoDB database of the shared rate-limit counts. */
const RATE_LIMIT_DATABASE = 'gateway';

/** The gateway's abuse limits and browser protections as configured. */
export function limitsFromConfig(config: GatewayConfig, graphqlPath: string) {
  const production = config.GATEWAY_PROFILE === 'production';
  const principals = new WeakMap<Request, Principal>();
  const allowedOrigins = new Set(
    config.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  );
  // The dev-only sign-in page of the embedded profile calls the graph from its own origin.
  if (!production && config.SIGN_IN_CALLBACK_URL)
    allowedOrigins.add(new URL(config.SIGN_IN_CALLBACK_URL).origin);
  const rateStore = config.MONGODB_URL === undefined ? undefined : new MongoClient(config.MONGODB_URL);
  const budgets =
    rateStore === undefined
      ? RequestBudgets.inMemory(config.RATE_LIMITS)
      : RequestBudgets.shared(config.RATE_LIMITS, rateStore, RATE_LIMIT_DATABASE);
  const plugins: GatewayPlugin[] = [
    useRateLimits({
      budgets,
      graphqlPath,
      principalOf: (request) => principals.get(request),
    }),
    useOperationLimits(operationLimitsFrom(config)),
    blockFieldSuggestionsPlugin({ mask: '' }) as GatewayPlugin,
    useRefusalCodes(),
  ];
  return {
    production,
    plugins,
    subscriptionCaps: {
      perSocket: config.MAX_SUBSCRIPTIONS_PER_SOCKET,
      perPrincipal: config.MAX_SUBSCRIPTIONS_PER_PRINCIPAL,
      perIp: config.MAX_SUBSCRIPTIONS_PER_IP,
    },
    /** Lets go of the shared rate-limit store, when there is one. */
    close: () => rateStore?.close() ?? Promise.resolve(),
    /** The authentication check tells the rate limits who is calling. */
    rememberPrincipal: (request: Request, principal: Principal) => principals.set(request, principal),
    /** A file request spends what an anonymous GraphQL request from its address does (signed links carry no token). */
    spendFileRequest: (ip: string) => spendRequestBudgets(budgets, { kind: 'anonymous' }, ip),
    /** Whether a browser page of this origin may call the gateway (the CORS allowlist). */
    allowsOrigin: (origin: string | undefined) => origin !== undefined && allowedOrigins.has(origin),
    guardHttp: (req: IncomingMessage, res: ServerResponse) =>
      guardHttpRequest(req, res, { maxBodyBytes: config.MAX_BODY_BYTES, production }),
    runtimeOptions: {
      disableIntrospection: production ? { disableIf: () => true } : undefined,
      csrfPrevention: { requestHeaders: [CLIENT_NAME_HEADER] },
      cors: (request: Request) => {
        const origin = request.headers.get('origin');
        if (origin === null || !allowedOrigins.has(origin)) return false;
        return {
          origin,
          credentials: true,
          methods: ['GET', 'POST'],
          allowedHeaders: ['authorization', 'content-type', CLIENT_NAME_HEADER, 'x-request-id'],
          maxAge: 600,
        };
      },
    },
  };
}
