import { nameBasedUuid, type Principal } from '@cabinet/kernel';
import type { RequestContext } from './context.ts';
import { idempotencyKeyOf } from './idempotencyKey.ts';

/** Namespace of command ids, whether derived from a client's key or from the request. */
const COMMAND_ID_NAMESPACE = 'c4a7e1d2-3b5f-4a8e-9c6d-7e8f9a0b1c2d';

/**
 * A mutation's command as the services record it: `commandId` names the command, `correlationId` the
 * request that carried it. With the client's idempotency key the id is derived from the caller and the
 * key, so a retry (another request, the same key) is the same command; without one, from the request id
 * and the mutation's field in the operation, so a request delivered twice is one command and two
 * mutations of one operation are two.
 */
export interface CommandEnvelope {
  readonly commandId: string;
  readonly correlationId: string;
}

/**
 * The options of every command mutation's `idempotencyKey` argument, so they all take the same key:
 * `@Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT)`.
 */
export const IDEMPOTENCY_KEY_ARGUMENT = {
  nullable: true,
  description: 'A retry with the same key (e.g. a UUID) changes nothing again and answers as the first time',
} as const;

/** The field a mutation resolves, as GraphQL's resolve info names it (its alias, if it has one). */
export interface MutationField {
  readonly path: { readonly key: string | number };
}

export function commandEnvelopeOf(
  context: Pick<RequestContext, 'principal' | 'requestId'>,
  field: MutationField,
  idempotencyKey: string | null | undefined,
): CommandEnvelope {
  const source =
    idempotencyKey === null || idempotencyKey === undefined
      ? `request:${context.requestId}:${String(field.path.key)}`
      : `key:${idempotencyKeyOf(idempotencyKey)}`;
  return {
    commandId: nameBasedUuid(COMMAND_ID_NAMESPACE, `${callerOf(context.principal)}:${source}`),
    correlationId: context.requestId,
  };
}

function callerOf(principal: Principal): string {
  switch (principal.kind) {
    case 'customer':
      return `customer:${principal.customerId}`;
    case 'staff':
      return `staff:${principal.staffId}`;
    case 'partner':
      return `partner:${principal.partnerId}`;
    case 'anonymous':
      return 'anonymous';
  }
}
