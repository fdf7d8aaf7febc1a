import { runService } from '@cabinet/platform';
import { loadPolicyConfig } from './config.ts';
import { start } from './server.ts';

runService('policy', () => start(loadPolicyConfig()));
