import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { createLogger } from '@cabinet/platform/logging';
import type { RunningService } from '@cabinet/platform/process';
import { createApp } from './app.ts';
import { credentialsOf, type ClientCredentials } from './clients.ts';
import { DEFAULT_TIMESTAMP_TOLERANCE_SECONDS, type EmulatorOptions } from './config.ts';
import { ESIA_TEST_PERSONS } from './seed.ts';
import type { SmsMessage } from './signInFlow.ts';
import { emptyState } from './state.ts';
import { loadTokenKeys } from './tokenKeys.ts';

export type { EmulatorOptions } from './config.ts';
export type { RegisteredClient } from './clients.ts';
export type { EsiaTestPerson, EsiaTestContact, EsiaTestDocument, EsiaTestAddress } from './persons.ts';
export type { SmsMessage } from './signInFlow.ts';
export { SIGN_IN_LIMITS } from './signInFlow.ts';
export { ESIA_TEST_PERSONS, EXISTING_INSURER_CUSTOMER, SECOND_INSURER_CUSTOMER } from './seed.ts';
export { ESIA_ISSUER, TOKEN_TTL_SECONDS } from './tokenKeys.ts';
export { generateClientKeyPair } from './clientKeys.ts';

export interface RunningEmulator extends RunningService {
  /** Where the emulator publishes its token-signing key for the verifier. */
  readonly jwksUrl: string;
  /** The latest SMS code sent to a person, for tests that play the person. */
  latestSmsCode(oid: number): string | undefined;
}

/** Starts the emulated ESIA over HTTP; in-process for tests, or from `main.ts` as its own process. */
export async function start(options: EmulatorOptions): Promise<RunningEmulator> {
  const logger = options.logger ?? createLogger('esia-emulator');
  const clients = new Map<string, ClientCredentials>(
    options.clients.map((client) => [client.clientId, credentialsOf(client)]),
  );
  const keys = await loadTokenKeys(options.tokenSigningKeyPem);
  const latestSms = new Map<number, string>();
  let publicUrl = options.publicUrl ?? '';

  const app = createApp({
    state: emptyState(),
    clients,
    persons: options.persons ?? Object.values(ESIA_TEST_PERSONS),
    keys,
    now: options.now ?? (() => new Date()),
    logger,
    timestampToleranceSeconds: options.timestampToleranceSeconds ?? DEFAULT_TIMESTAMP_TOLERANCE_SECONDS,
    publicUrl: () => publicUrl,
    onSms: (sms: SmsMessage) => {
      latestSms.set(sms.oid, sms.code);
      options.onSms?.(sms);
    },
    ...(options.newSmsCode ? { newSmsCode: options.newSmsCode } : {}),
  });

  const server = createServer(app);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  publicUrl ||= url;
  logger.info({ event: 'esia.started', url, clients: [...clients.keys()] }, 'ESIA emulator listening');

  return {
    url,
    jwksUrl: `${url}/.well-known/jwks.json`,
    latestSmsCode: (oid) => latestSms.get(oid),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
