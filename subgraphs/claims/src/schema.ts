import { buildFederatedSchema } from '@cabinet/platform';
import type { GraphQLSchema } from 'graphql';
import { ClaimResolver, CustomerClaimsResolver } from './claim/graphql/claim.resolver.ts';
import { ClaimStatusSubscription } from './claim/graphql/claimStatus.subscription.ts';
import { Customer } from './claim/graphql/entities.ts';

export interface ClaimsResolvers {
  readonly claim: ClaimResolver;
  readonly customerClaims: CustomerClaimsResolver;
  readonly statusSubscription: ClaimStatusSubscription;
}

/** The claims subgraph's schema; without resolver instances it serves only to print the SDL. */
export function claimsSchema(resolvers?: ClaimsResolvers): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ClaimResolver, CustomerClaimsResolver, ClaimStatusSubscription],
    orphanedTypes: [Customer],
    instances: resolvers ? Object.values(resolvers) : [],
    referenceResolvers: resolvers && {
      Claim: { __resolveReference: resolvers.claim.resolveReference.bind(resolvers.claim) },
    },
  });
}
