import { join } from 'node:path';
import {
  createAccessTokenVerifier,
  createLogger,
  loadOrCreateKeyRing,
  openDocumentStore,
  startSubgraphServer,
  type RunningService,
} from '@cabinet/platform';
import type { IdentityConfig } from './config.ts';
import { CustomerRepository } from './customer/customerRepository.ts';
import { CustomerResolver } from './customer/customer.resolver.ts';
import { seedDemoCustomers } from './customer/seedDemoCustomers.ts';
import { jwksRoute } from './keys/jwksRoute.ts';
import { identitySchema } from './schema.ts';

export async function start(config: IdentityConfig): Promise<RunningService> {
  const log = createLogger('identity', config.LOG_LEVEL);
  const documents = await openDocumentStore({
    mongodbUrl: config.MONGODB_URL,
    database: 'identity',
    sqliteFile: join(config.DATA_DIR, 'identity', 'documents.sqlite'),
  });
  const ring = await loadOrCreateKeyRing(config.SIGNING_KEYS_FILE);
  const customers = await CustomerRepository.open(documents);
  if (config.SEED_DEMO_DATA === 'yes') {
    const seeded = await seedDemoCustomers(customers);
    if (seeded > 0) log.info({ customers: seeded }, 'seeded demo customers');
  }

  const schema = await identitySchema({ customer: new CustomerResolver(customers) });
  const verifier = createAccessTokenVerifier(
    { jwks: { keys: ring.all.map((key) => key.publicJwk) } },
    { issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE },
  );
  return startSubgraphServer({
    name: 'identity',
    schema,
    port: config.PORT,
    host: config.HOST,
    log,
    verifier,
    routes: jwksRoute(ring),
    onStop: () => documents.close(),
  });
}
