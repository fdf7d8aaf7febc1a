import { readFile } from 'node:fs/promises';
import { env, loadConfig, optional } from '@cabinet/platform/config';
import { LOG_LEVELS, createLogger } from '@cabinet/platform/logging';
import { runService } from '@cabinet/platform/process';
import { start } from './index.ts';

const spec = {
  PORT: env.port(4010),
  ESIA_EMULATOR_HOST: env.string('127.0.0.1'),
  ESIA_EMULATOR_PUBLIC_URL: optional(env.url()),
  ESIA_EMULATOR_CLIENT_ID: env.string('INSURER_CABINET'),
  ESIA_EMULATOR_CLIENT_CERT_FILE: env.string(),
  ESIA_EMULATOR_REDIRECT_URIS: env.list(),
  ESIA_EMULATOR_TOKEN_KEY_FILE: optional(env.string()),
  ESIA_EMULATOR_TIMESTAMP_TOLERANCE_SECONDS: env.integer(300, { min: 1, max: 86_400 }),
  LOG_LEVEL: env.oneOf(LOG_LEVELS, 'info'),
};

runService('esia-emulator', async () => {
  const config = loadConfig(spec);
  const tokenKeyFile = config.ESIA_EMULATOR_TOKEN_KEY_FILE;
  return start({
    port: config.PORT,
    host: config.ESIA_EMULATOR_HOST,
    ...(config.ESIA_EMULATOR_PUBLIC_URL ? { publicUrl: config.ESIA_EMULATOR_PUBLIC_URL } : {}),
    clients: [
      {
        clientId: config.ESIA_EMULATOR_CLIENT_ID,
        certificatePem: await readFile(config.ESIA_EMULATOR_CLIENT_CERT_FILE, 'utf8'),
        redirectUris: config.ESIA_EMULATOR_REDIRECT_URIS,
      },
    ],
    ...(tokenKeyFile ? { tokenSigningKeyPem: await readFile(tokenKeyFile, 'utf8') } : {}),
    timestampToleranceSeconds: config.ESIA_EMULATOR_TIMESTAMP_TOLERANCE_SECONDS,
    logger: createLogger('esia-emulator', config.LOG_LEVEL),
  });
});
