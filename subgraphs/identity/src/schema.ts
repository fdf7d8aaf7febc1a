import { buildFederatedSchema } from '@cabinet/platform';
import type { GraphQLSchema } from 'graphql';
import { CustomerResolver } from './customer/customer.resolver.ts';

export interface IdentityResolvers {
  readonly customer: CustomerResolver;
}

/** The identity subgraph's schema; without resolver instances it serves only to print the SDL. */
export function identitySchema(resolvers?: IdentityResolvers): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [CustomerResolver],
    instances: resolvers ? Object.values(resolvers) : [],
    referenceResolvers: resolvers && {
      Customer: { __resolveReference: resolvers.customer.resolveReference.bind(resolvers.customer) },
    },
  });
}
