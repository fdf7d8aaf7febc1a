/**
 * The contender: the committed supergraph behind Apollo Gateway in Apollo Server's standalone HTTP
 * server, configured as a team adopting it would (defaults, plus the caller's token passed on to
 * every subgraph, with the proof of an internal request the subgraphs require). A process of its own, started by bench/gateway/index.ts through the launcher, which
 * learns the URL from the "listening" line.
 */
import { readFile } from 'node:fs/promises';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { env, loadConfig, optional } from '@cabinet/platform/config';
import {
  createInternalRequestSigner,
  INTERNAL_REQUEST_HEADER,
  internalRequestSecretSetting,
  requireInternalRequestSecret,
} from '@cabinet/platform/internal-requests';
import { createLogger } from '@cabinet/platform/logging';
import { runService } from '@cabinet/platform/process';

interface CallerContext {
  readonly authorization: string | undefined;
}

const configSpec = {
  PORT: env.port(0),
  SUPERGRAPH_FILE: env.string('schema/supergraph.graphql'),
  IDENTITY_URL: optional(env.url()),
  POLICY_URL: optional(env.url()),
  CLAIMS_URL: optional(env.url()),
  INTERNAL_REQUEST_SECRET: internalRequestSecretSetting,
};

runService('apollo-gateway', async () => {
  const config = loadConfig(configSpec);
  const log = createLogger('apollo-gateway', 'info');
  const internalRequests = createInternalRequestSigner(
    requireInternalRequestSecret(config.INTERNAL_REQUEST_SECRET),
    'apollo-gateway',
  );
  const routes: Readonly<Record<string, string | undefined>> = {
    identity: config.IDENTITY_URL,
    policy: config.POLICY_URL,
    claims: config.CLAIMS_URL,
  };
  const gateway = new ApolloGateway({
    supergraphSdl: await readFile(config.SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<CallerContext>({
        url: routes[name] ?? url,
        willSendRequest({ request, context }) {
          const { authorization } = context as Partial<CallerContext>;
          if (authorization) request.http?.headers.set('authorization', authorization);
          request.http?.headers.set(INTERNAL_REQUEST_HEADER, internalRequests.proof());
        },
      }),
  });
  const server = new ApolloServer<CallerContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: config.PORT, host: '127.0.0.1' },
    context: ({ req }) => Promise.resolve({ authorization: req.headers.authorization }),
  });
  log.info({ url }, 'apollo gateway listening');
  return {
    url,
    async stop() {
      await server.stop();
    },
  };
});
