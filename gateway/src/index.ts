export { startGateway } from './server.ts';
export { loadGatewayConfig, type GatewayConfig } from './config.ts';
export { subgraphRoutes } from './supergraph.ts';
