import { claimsSchema } from '@cabinet/claims';
import { identitySchema } from '@cabinet/identity';
import { policySchema } from '@cabinet/policy';
import { supportSchema } from '@cabinet/support';
import type { GraphQLSchema } from 'graphql';

export interface SubgraphEntry {
  readonly name: string;
  /** The routing URL written into the committed supergraph: the embedded profile's. */
  readonly embeddedUrl: string;
  readonly schema: () => Promise<GraphQLSchema>;
}

export const SUBGRAPHS: readonly SubgraphEntry[] = [
  { name: 'identity', embeddedUrl: 'http://localhost:4001/graphql', schema: () => identitySchema() },
  { name: 'policy', embeddedUrl: 'http://localhost:4002/graphql', schema: () => policySchema() },
  { name: 'claims', embeddedUrl: 'http://localhost:4003/graphql', schema: () => claimsSchema() },
  { name: 'support', embeddedUrl: 'http://localhost:4004/graphql', schema: () => supportSchema() },
];
