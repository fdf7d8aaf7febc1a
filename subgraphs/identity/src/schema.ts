import { buildFederatedSchema } from '@cabinet/platform/graphql';
import type { GraphQLSchema } from 'graphql';
import { ActivityResolver } from './activity/activity.resolver.ts';
import { ConsentResolver } from './consent/consent.resolver.ts';
import { CustomerResolver } from './customer/customer.resolver.ts';
import { PersonalDataResolver } from './customer/personalData.resolver.ts';
import { SessionResolver } from './session/session.resolver.ts';

export interface IdentityResolvers {
  readonly customer: CustomerResolver;
  readonly session: SessionResolver;
  readonly consent: ConsentResolver;
  readonly activity: ActivityResolver;
  readonly personalData: PersonalDataResolver;
}

/** The identity subgraph's schema; without resolver instances it serves only to print the SDL. */
export function identitySchema(resolvers?: IdentityResolvers): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [CustomerResolver, SessionResolver, ConsentResolver, ActivityResolver, PersonalDataResolver],
    instances: resolvers ? Object.values(resolvers) : [],
    referenceResolvers: resolvers && {
      Customer: { __resolveReference: resolvers.customer.resolveReference.bind(resolvers.customer) },
    },
  });
}
