/**
 * `npm run bench -- gateway [-- options]`: the gateways measured alone on stub subgraphs
 * (./gatewayAlone.ts), then on the real subgraphs (./realSubgraphs.ts); the options are in
 * ./benchOptions.ts.
 */
import { gatewayBenchOptions } from './benchOptions.ts';
import { benchGatewayAlone } from './gatewayAlone.ts';

if (gatewayBenchOptions.stubs) await benchGatewayAlone(gatewayBenchOptions);
if (gatewayBenchOptions.real) await import('./realSubgraphs.ts');
