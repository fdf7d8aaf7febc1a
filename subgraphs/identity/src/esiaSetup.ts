import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfigError } from '@cabinet/platform/config';
import type { IdentityConfig } from './config.ts';
import { createEsiaClient, type EsiaClient } from './esia/client.ts';
import { createCommandSigner } from './esia/commandSigner.ts';
import { createCommandEsiaTokenVerifier, SIGNATURE_PLACEHOLDER } from './esia/commandTokenVerifier.ts';
import { ESIA_ISSUER } from './esia/config.ts';
import { createKeySigner } from './esia/keySigner.ts';
import type { Signer } from './esia/signer.ts';
import {
  createJoseEsiaTokenVerifier,
  type EsiaKeySource,
  type EsiaTokenVerifier,
} from './esia/tokenVerifier.ts';

async function signerFrom(config: IdentityConfig): Promise<Signer> {
  if (config.ESIA_SIGNER === 'command') {
    if (!config.ESIA_SIGNER_COMMAND)
      throw new ConfigError('ESIA_SIGNER_COMMAND', 'is required with ESIA_SIGNER=command');
    if (!config.ESIA_SIGNER_CERT_HASH)
      throw new ConfigError('ESIA_SIGNER_CERT_HASH', 'is required with ESIA_SIGNER=command');
    return createCommandSigner({
      command: config.ESIA_SIGNER_COMMAND,
      args: config.ESIA_SIGNER_ARGS,
      certificateHash: config.ESIA_SIGNER_CERT_HASH,
      timeoutMs: config.ESIA_TIMEOUT_MS,
      output: config.ESIA_SIGNER_OUTPUT,
      reverseBytes: config.ESIA_SIGNER_REVERSE_BYTES === 'yes',
    });
  }
  const privateKeyPem = await readConfigFile('ESIA_CLIENT_KEY_FILE', config.ESIA_CLIENT_KEY_FILE);
  const certificatePem = config.ESIA_CLIENT_CERT_FILE
    ? await readConfigFile('ESIA_CLIENT_CERT_FILE', config.ESIA_CLIENT_CERT_FILE)
    : undefined;
  return createKeySigner({ privateKeyPem, ...(certificatePem ? { certificatePem } : {}) });
}

async function readConfigFile(variable: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(variable, `names a file that cannot be read: ${(error as Error).message}`);
  }
}

async function tokenKeysFrom(config: IdentityConfig): Promise<EsiaKeySource> {
  if (config.ESIA_TOKEN_CERT_FILE) {
    return { publicKeyPem: await readConfigFile('ESIA_TOKEN_CERT_FILE', config.ESIA_TOKEN_CERT_FILE) };
  }
  const jwksUrl =
    config.ESIA_TOKEN_JWKS_URL ?? new URL('/.well-known/jwks.json', config.ESIA_BASE_URL).toString();
  return { jwksUrl, timeoutMs: config.ESIA_TIMEOUT_MS };
}

async function tokenVerifierFrom(config: IdentityConfig, now: () => Date): Promise<EsiaTokenVerifier> {
  const checks = {
    issuer: ESIA_ISSUER,
    clientId: config.ESIA_CLIENT_ID,
    algorithms: config.ESIA_TOKEN_ALGORITHMS,
    now,
  };
  if (config.ESIA_TOKEN_VERIFIER === 'jose') {
    return createJoseEsiaTokenVerifier({ keys: await tokenKeysFrom(config), ...checks });
  }
  if (!config.ESIA_TOKEN_VERIFY_COMMAND) {
    throw new ConfigError('ESIA_TOKEN_VERIFY_COMMAND', 'is required with ESIA_TOKEN_VERIFIER=command');
  }
  if (!config.ESIA_TOKEN_VERIFY_ARGS.includes(SIGNATURE_PLACEHOLDER)) {
    throw new ConfigError(
      'ESIA_TOKEN_VERIFY_ARGS',
      `must name the signature file as ${SIGNATURE_PLACEHOLDER}`,
    );
  }
  return createCommandEsiaTokenVerifier({
    command: config.ESIA_TOKEN_VERIFY_COMMAND,
    args: config.ESIA_TOKEN_VERIFY_ARGS,
    reverseBytes: config.ESIA_TOKEN_VERIFY_REVERSE_BYTES === 'yes',
    timeoutMs: config.ESIA_TIMEOUT_MS,
    ...checks,
  });
}

export interface EsiaSetup {
  readonly client: EsiaClient;
  readonly verifier: EsiaTokenVerifier;
}

/** The ESIA client and token verifier as the configuration describes them. */
export async function esiaFrom(config: IdentityConfig, now: () => Date): Promise<EsiaSetup> {
  const esiaConfig = {
    baseUrl: config.ESIA_BASE_URL,
    clientId: config.ESIA_CLIENT_ID,
    scopes: config.ESIA_SCOPES,
    organizationScopes: [],
    accessType: 'online',
    timeoutMs: config.ESIA_TIMEOUT_MS,
  } as const;
  const verifier = await tokenVerifierFrom(config, now);
  return {
    client: createEsiaClient(esiaConfig, { signer: await signerFrom(config), now, newState: randomUUID }),
    verifier,
  };
}
