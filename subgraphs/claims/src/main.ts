import { runService } from '@cabinet/platform';
import { loadClaimsConfig } from './config.ts';
import { start } from './server.ts';

runService('claims', () => start(loadClaimsConfig()));
