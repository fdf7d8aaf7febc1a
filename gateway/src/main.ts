import { runService } from '@cabinet/platform';
import { loadGatewayConfig } from './config.ts';
import { startGateway } from './server.ts';

runService('gateway', () => startGateway(loadGatewayConfig()));
