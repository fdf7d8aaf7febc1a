import { runService } from '@cabinet/platform/process';
import { loadGatewayConfig } from './config.ts';
import { startGateway } from './server.ts';

runService('gateway', (tracing) => startGateway(loadGatewayConfig(), { traced: tracing !== undefined }));
