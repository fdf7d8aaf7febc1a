/**
 * The peer of bench/subscriptions: Hive Gateway runtime on the same supergraph, set up for subscriptions
 * the way its documentation shows, so each client's token opens its own upstream WebSocket to claims.
 * No limits, metrics or token checks of ours: only what a plain setup has, and the proof of an internal
 * request every call to a subgraph needs.
 *
 *   CLAIMS_URL=… POLICY_URL=… IDENTITY_URL=… INTERNAL_REQUEST_SECRET=… node --import tsx bench/subscriptions/plainGateway.ts
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphRoutes } from '@cabinet/gateway';
import {
  createInternalRequestSigner,
  INTERNAL_REQUEST_EXTENSION,
  INTERNAL_REQUEST_HEADER,
  requireInternalRequestSecret,
} from '@cabinet/platform/internal-requests';
import { createGatewayRuntime, getGraphQLWSOptions, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const supergraph = await readFile('schema/supergraph.graphql', 'utf8');
const locations = Object.fromEntries(
  subgraphRoutes(supergraph).map((route) => [
    route.name,
    process.env[`${route.name.toUpperCase()}_URL`] ?? route.url,
  ]),
);
const internalRequests = createInternalRequestSigner(
  requireInternalRequestSecret(process.env['INTERNAL_REQUEST_SECRET']),
  'plain-gateway',
);
const gateway = createGatewayRuntime({
  supergraph,
  logging: 'error',
  // Over HTTP the proof goes in a header, over the WebSocket in each subscribe message.
  plugins: (): GatewayPlugin[] => [
    {
      onSubgraphExecute(payload) {
        const { executionRequest } = payload;
        const proof = internalRequests.proof();
        const headers = (executionRequest.extensions?.['headers'] ?? {}) as Record<string, string>;
        payload.setExecutionRequest({
          ...executionRequest,
          extensions: {
            ...executionRequest.extensions,
            headers: { ...headers, [INTERNAL_REQUEST_HEADER]: proof },
            [INTERNAL_REQUEST_EXTENSION]: proof,
          },
        });
      },
    },
  ],
  transportEntries: {
    ...Object.fromEntries(Object.entries(locations).map(([name, location]) => [name, { location }])),
    claims: {
      location: locations['claims'],
      options: {
        subscriptions: {
          kind: 'ws',
          location: '/graphql',
          options: { connectionParams: { authorization: '{context.connectionParams.authorization}' } },
        },
      },
    },
  },
});
await gateway.getSchema();

const httpServer = createServer((req, res) => void gateway(req, res));
const wsServer = new WebSocketServer({ server: httpServer, path: gateway.graphqlEndpoint });
const graphqlWs = useServer(
  getGraphQLWSOptions<Record<string, unknown>, Extra>(gateway, (ctx) => ({ req: ctx.extra.request })),
  wsServer,
);
httpServer.listen(0, () => {
  const { port } = httpServer.address() as AddressInfo;
  console.log(JSON.stringify({ msg: 'plain gateway listening', url: `http://localhost:${port}/graphql` }));
});
process.once('SIGTERM', () => {
  void Promise.resolve(graphqlWs.dispose())
    .then(() => gateway.dispose())
    .finally(() => httpServer.close(() => process.exit(0)));
});
