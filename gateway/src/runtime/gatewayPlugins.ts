import type { AccessTokenVerifier } from '@cabinet/platform/auth';
import type { InternalRequestSigner } from '@cabinet/platform/internal-requests';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { useAccessTokenCheck } from '../authentication.ts';
import { useRequestIdOnMutations } from '../clientHeaders.ts';
import type { GatewayLimits } from '../limits/limitsFromConfig.ts';
import { holderFromContext, useSubscriptionCaps } from '../limits/subscriptionCaps.ts';
import type { GatewayMetrics } from '../metrics/gatewayMetrics.ts';
import { useGatewayMetrics } from '../metrics/useGatewayMetrics.ts';
import { useStaleMarker } from '../staleMarker.ts';
import { useSubscriberIdentity } from '../subscriberIdentity.ts';
import { useTracing } from '../telemetry/useTracing.ts';

/** The runtime's plugins, in the order they see a request. */
export function gatewayPlugins(parts: {
  readonly verifier: AccessTokenVerifier;
  readonly metrics: GatewayMetrics;
  readonly operationLabel: (name: string) => string;
  readonly limits: GatewayLimits;
  readonly resilience: GatewayPlugin;
  readonly internalRequests: InternalRequestSigner;
  /** Whether the process sends traces; every hook of a plugin costs each request something. */
  readonly traced: boolean;
}): GatewayPlugin[] {
  return [
    // First, so its spans wrap whatever the other plugins refuse or retry.
    ...(parts.traced ? [useTracing('/graphql')] : []),
    useGatewayMetrics(parts.metrics, parts.operationLabel),
    useAccessTokenCheck(parts.verifier, parts.limits.rememberPrincipal),
    ...parts.limits.plugins,
    useSubscriptionCaps(parts.limits.subscriptionCaps, holderFromContext(parts.verifier)),
    useRequestIdOnMutations(),
    parts.resilience,
    useStaleMarker(),
    useSubscriberIdentity(parts.internalRequests),
  ];
}
