/**
 * The Hive Gateway runtime as a team would first start it: a supergraph file, no plugins, no
 * configuration of ours. The peer that says what our gateway's plugins cost. With ROUTER_RUNTIME=true it
 * plans with Hive Router's query planner (@graphql-hive/router-runtime, a Rust native addon) instead of
 * the runtime's JavaScript one, as `hive-gateway --hive-router-runtime` does. A process of its own,
 * started through the launcher, which learns the URL from the "listening" line.
 *
 *   SUPERGRAPH_FILE=… [PORT=0] [ROUTER_RUNTIME=true] node --import tsx bench/kit/plainHiveGateway.ts
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';

const supergraphFile = process.env['SUPERGRAPH_FILE'];
if (!supergraphFile) throw new Error('SUPERGRAPH_FILE names the supergraph to serve');
const gateway = createGatewayRuntime({
  supergraph: await readFile(supergraphFile, 'utf8'),
  logging: 'error',
  ...(process.env['ROUTER_RUNTIME'] === 'true' ? { unifiedGraphHandler } : {}),
});
await gateway.getSchema();

const httpServer = createServer((req, res) => void gateway(req, res));
httpServer.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  console.log(
    JSON.stringify({ msg: 'plain Hive gateway listening', url: `http://127.0.0.1:${port}/graphql` }),
  );
});
process.once('SIGTERM', () => {
  void Promise.resolve(gateway.dispose()).finally(() => httpServer.close(() => process.exit(0)));
  httpServer.closeAllConnections();
});
