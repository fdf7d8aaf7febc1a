import { runService } from '@cabinet/platform';
import { loadIdentityConfig } from './config.ts';
import { start } from './server.ts';

runService('identity', () => start(loadIdentityConfig()));
