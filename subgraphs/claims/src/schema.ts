import { buildFederatedSchema } from '@cabinet/platform/graphql';
import type { GraphQLSchema } from 'graphql';
import { ClaimResolver, CustomerClaimsResolver } from './claim/graphql/claim.resolver.ts';
import { ClaimCardResolver } from './claim/graphql/claimCard.resolver.ts';
import { ClaimLogResolver } from './claim/graphql/claimLog.resolver.ts';
import { ClaimQueueResolver } from './claim/graphql/claimQueue.resolver.ts';
import { ClaimStatusSubscription } from './claim/graphql/claimStatus.subscription.ts';
import { Customer } from './claim/graphql/entities.ts';
import { DocumentResolver } from './documents/document.resolver.ts';
import { ClaimHistoryResolver } from './history/claimHistory.resolver.ts';

export interface ClaimsResolvers {
  readonly claim: ClaimResolver;
  readonly customerClaims: CustomerClaimsResolver;
  readonly statusSubscription: ClaimStatusSubscription;
  readonly card: ClaimCardResolver;
  readonly queue: ClaimQueueResolver;
  readonly log: ClaimLogResolver;
  readonly documents: DocumentResolver;
  readonly history: ClaimHistoryResolver;
}

/** The claims subgraph's schema; without resolver instances it serves only to print the SDL. */
export function claimsSchema(resolvers?: ClaimsResolvers): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      ClaimResolver,
      CustomerClaimsResolver,
      ClaimStatusSubscription,
      ClaimCardResolver,
      ClaimQueueResolver,
      ClaimLogResolver,
      DocumentResolver,
      ClaimHistoryResolver,
    ],
    orphanedTypes: [Customer],
    instances: resolvers ? Object.values(resolvers) : [],
    referenceResolvers: resolvers && {
      Claim: { __resolveReference: resolvers.claim.resolveReference.bind(resolvers.claim) },
    },
  });
}
