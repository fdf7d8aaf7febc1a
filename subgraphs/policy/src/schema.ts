import { buildFederatedSchema } from '@cabinet/platform/graphql';
import type { GraphQLSchema } from 'graphql';
import { PaymentMethodsResolver } from './payments/graphql/paymentMethods.resolver.ts';
import { Customer } from './policy/graphql/customer.type.ts';
import { CustomerPoliciesResolver, PolicyResolver } from './policy/graphql/policy.resolver.ts';
import { PolicyOperationsResolver } from './policy/graphql/policyOperations.resolver.ts';

export interface PolicyResolvers {
  readonly policy: PolicyResolver;
  readonly customerPolicies: CustomerPoliciesResolver;
  readonly operations: PolicyOperationsResolver;
  readonly paymentMethods: PaymentMethodsResolver;
}

/** The policy subgraph's schema; without resolver instances it serves only to print the SDL. */
export function policySchema(resolvers?: PolicyResolvers): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [PolicyResolver, CustomerPoliciesResolver, PolicyOperationsResolver, PaymentMethodsResolver],
    orphanedTypes: [Customer],
    instances: resolvers ? Object.values(resolvers) : [],
    referenceResolvers: resolvers && {
      Policy: { __resolveReference: resolvers.policy.resolveReference.bind(resolvers.policy) },
    },
  });
}
