import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, Response, NextFunction } from 'express';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { ServiceConfig } from '../config/serviceConfig.ts';
import {
  costRefusal,
  operationLimitsFrom,
  representationsRefusal,
  tokenRefusal,
  type OperationLimits,
} from '../limits/index.ts';

/** The gateway's operation limits, and how many entities one `_entities` call may name. */
export interface SubgraphLimits extends OperationLimits {
  readonly maxRepresentations: number;
}

/**
 * The gateway's limits as configured, but one level deeper: the gateway reaches an entity's fields
 * through `_entities { ... on Type { … } }`, two levels where the client's operation had one field.
 */
export function subgraphLimitsFrom(config: ServiceConfig): SubgraphLimits {
  const limits = operationLimitsFrom(config);
  return {
    ...limits,
    maxDepth: limits.maxDepth + 1,
    maxRepresentations: config.MAX_ENTITY_REPRESENTATIONS,
  };
}

/** What the operation asks once its variables are known: too many entities, or too costly. */
export function runRefusal(
  limits: SubgraphLimits,
  request: {
    readonly schema: GraphQLSchema;
    readonly document: DocumentNode;
    readonly operationName?: string | null | undefined;
    readonly variableValues?: Readonly<Record<string, unknown>> | null | undefined;
  },
): GraphQLError | undefined {
  const args = { ...request, operationName: request.operationName ?? undefined };
  return representationsRefusal(limits.maxRepresentations, args) ?? costRefusal(limits, args);
}

/**
 * Express middleware ahead of Apollo: a document longer than allowed is refused before it is parsed,
 * as at the gateway.
 */
export function tokenLimitMiddleware(maxTokens: number) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const body = request.body as { query?: unknown } | undefined;
    const query = body?.query ?? request.query['query'];
    const refusal = typeof query === 'string' ? tokenRefusal(query, maxTokens) : undefined;
    if (!refusal) return next();
    response.status(400).json({ errors: [{ message: refusal.message, extensions: refusal.extensions }] });
  };
}

/** Refuses, once the operation and its variables are known, what `runRefusal` finds (HTTP 400). */
export function operationLimitsPlugin(limits: SubgraphLimits): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ schema, document, request }) => {
          const refusal = runRefusal(limits, {
            schema,
            document,
            operationName: request.operationName,
            variableValues: request.variables,
          });
          if (!refusal) return Promise.resolve();
          throw new GraphQLError(refusal.message, {
            extensions: { ...refusal.extensions, http: { status: 400 } },
          });
        },
      }),
  };
}
