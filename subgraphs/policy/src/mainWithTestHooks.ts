// The policy service with its test hooks, for end-to-end tests only: left out of the production build.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { runService } from '@cabinet/platform/process';
import { loadPolicyConfig } from './config.ts';
import { testHookRoutes } from './policy/http/testHooks.ts';
import { start } from './server.ts';

runService('policy', () =>
  start(loadPolicyConfig(), { now: () => new Date(), newId: randomUUID, testHookRoutes }),
);
