import { join } from 'node:path';
import {
  createAccessTokenVerifier,
  createLogger,
  openDocumentStore,
  startSubgraphServer,
  type RunningService,
} from '@cabinet/platform';
import type { PolicyConfig } from './config.ts';
import { CustomerPoliciesResolver, PolicyResolver } from './policy/graphql/policy.resolver.ts';
import { PolicyRepository } from './policy/policyRepository.ts';
import { seedDemoPolicies } from './policy/seedDemoPolicies.ts';
import { policySchema } from './schema.ts';

export interface PolicyDependencies {
  readonly now: () => Date;
}

export async function start(
  config: PolicyConfig,
  deps: PolicyDependencies = { now: () => new Date() },
): Promise<RunningService> {
  const log = createLogger('policy', config.LOG_LEVEL);
  const documents = await openDocumentStore({
    mongodbUrl: config.MONGODB_URL,
    database: 'policy',
    sqliteFile: join(config.DATA_DIR, 'policy', 'documents.sqlite'),
  });
  const policies = await PolicyRepository.open(documents);
  if (config.SEED_DEMO_DATA === 'yes') {
    const seeded = await seedDemoPolicies(policies, deps.now());
    if (seeded > 0) log.info({ policies: seeded }, 'seeded demo policies');
  }

  const schema = await policySchema({
    policy: new PolicyResolver(policies),
    customerPolicies: new CustomerPoliciesResolver(policies),
  });
  return startSubgraphServer({
    name: 'policy',
    schema,
    port: config.PORT,
    host: config.HOST,
    log,
    verifier: createAccessTokenVerifier(
      { jwksUrl: config.JWKS_URL },
      { issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE },
    ),
    onStop: () => documents.close(),
  });
}
