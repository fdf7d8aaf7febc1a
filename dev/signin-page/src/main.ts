import { env, loadConfig } from '@cabinet/platform/config';
import { LOG_LEVELS, createLogger } from '@cabinet/platform/logging';
import { runService } from '@cabinet/platform/process';
import { startSignInPage } from './server.ts';

const spec = {
  PORT: env.port(3000),
  HOST: env.string('127.0.0.1'),
  /** Written by the system (scripts/system.ts) once the gateway listens. */
  SIGN_IN_PAGE_GATEWAY_URL_FILE: env.string(),
  LOG_LEVEL: env.oneOf(LOG_LEVELS, 'info'),
};

runService('signin-page', () => {
  const config = loadConfig(spec);
  return startSignInPage({
    port: config.PORT,
    host: config.HOST,
    gatewayUrlFile: config.SIGN_IN_PAGE_GATEWAY_URL_FILE,
    logger: createLogger('signin-page', config.LOG_LEVEL),
  });
});
