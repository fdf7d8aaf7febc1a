import { buildFederatedSchema } from '@cabinet/platform/graphql';
import type { GraphQLSchema } from 'graphql';
import { ActivityResolver } from './activity/graphql/activity.resolver.ts';
import { ConsentResolver } from './consent/graphql/consent.resolver.ts';
import { CustomerResolver } from './customer/graphql/customer.resolver.ts';
import { PersonalDataResolver } from './personalData/graphql/personalData.resolver.ts';
// type-graphql lists root fields in the order their resolvers load: sign-in first, then the session.
import { SignInResolver } from './signIn/graphql/signIn.resolver.ts';
import { SessionResolver } from './session/graphql/session.resolver.ts';
import { StaffMemberResolver } from './staff/graphql/staffMember.resolver.ts';

export interface IdentityResolvers {
  readonly customer: CustomerResolver;
  readonly signIn: SignInResolver;
  readonly session: SessionResolver;
  readonly consent: ConsentResolver;
  readonly activity: ActivityResolver;
  readonly personalData: PersonalDataResolver;
  readonly staffMember: StaffMemberResolver;
}

/** The identity subgraph's schema; without resolver instances it serves only to print the SDL. */
export function identitySchema(resolvers?: IdentityResolvers): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      CustomerResolver,
      SignInResolver,
      SessionResolver,
      ConsentResolver,
      ActivityResolver,
      PersonalDataResolver,
      StaffMemberResolver,
    ],
    instances: resolvers ? Object.values(resolvers) : [],
    referenceResolvers: resolvers && {
      Customer: { __resolveReference: resolvers.customer.resolveReference.bind(resolvers.customer) },
    },
  });
}
