// First of all: type-graphql's decorators use the Reflect metadata API as the schema classes load.
import 'reflect-metadata';
import { runService } from '@cabinet/platform/process';
import { loadSupportConfig } from './config.ts';
import { start } from './server.ts';

runService('support', () => start(loadSupportConfig()));
