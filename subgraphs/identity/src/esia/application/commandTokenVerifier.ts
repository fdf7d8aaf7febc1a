import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWTPayload } from 'jose';
import { gosuslugiError } from './errors.ts';
import { runExternalCommand } from './externalCommand.ts';
import {
  assertPublicKeyAlgorithms,
  claimsOf,
  DEFAULT_LEEWAY_SECONDS,
  invalidEsiaToken,
  type EsiaTokenChecks,
  type EsiaTokenVerifier,
} from './tokenVerifier.ts';

/** Stands for the signature file in the tool's arguments. */
export const SIGNATURE_PLACEHOLDER = '{signature}';

/** `algorithms` names ESIA's, e.g. `GOST3410_2012_256`. */
export interface CommandTokenVerifierOptions extends EsiaTokenChecks {
  /** Absolute path of the verifying tool, e.g. openssl built with a GOST engine, or CryptoPro's cryptcp. */
  readonly command: string;
  /**
   * Arguments that make the tool verify the data on stdin against the detached signature in the file
   * named by `{signature}` with ESIA's certificate, and exit 0 only for a good signature.
   */
  readonly args: readonly string[];
  /** ESIA signs GOST tokens in the byte order CryptoPro tools read reversed. */
  readonly reverseBytes: boolean;
  readonly timeoutMs: number;
}

function decodedPart(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // Reported below as a malformed token.
  }
  throw invalidEsiaToken(`${what} is not a JSON object`);
}

/**
 * Production verifier for ESIA's GOST R 34.10-2012 tokens, which jose cannot check: the signature goes to
 * the configured tool, and the issuer, times, client and subject are checked here as for any token.
 */
export function createCommandEsiaTokenVerifier(options: CommandTokenVerifierOptions): EsiaTokenVerifier {
  assertPublicKeyAlgorithms(options.algorithms);
  if (!options.args.includes(SIGNATURE_PLACEHOLDER)) {
    throw new Error(`the verifier's arguments must name the signature file as ${SIGNATURE_PLACEHOLDER}`);
  }
  const leewayMs = (options.leewaySeconds ?? DEFAULT_LEEWAY_SECONDS) * 1000;

  async function signatureHolds(signingInput: string, signature: Buffer): Promise<boolean> {
    const dir = await mkdtemp(join(tmpdir(), 'esia-token-'));
    try {
      const file = join(dir, 'signature.bin');
      await writeFile(file, options.reverseBytes ? Buffer.from(signature).reverse() : signature, {
        mode: 0o600,
      });
      const args = options.args.map((arg) => (arg === SIGNATURE_PLACEHOLDER ? file : arg));
      const outcome = await runExternalCommand(
        options.command,
        args,
        Buffer.from(signingInput, 'ascii'),
        options.timeoutMs,
      ).catch((error: unknown) => {
        throw gosuslugiError('GOSUSLUGI_INTEGRATION_ERROR', undefined, {
          reason: error instanceof Error ? error.message : String(error),
        });
      });
      return outcome.exitCode === 0;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  return {
    async verify(token) {
      const parts = token.split('.');
      if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) {
        throw invalidEsiaToken('not a signed JWT');
      }
      const [header, payload, signature] = parts as [string, string, string];
      const alg = decodedPart(header, 'the header')['alg'];
      if (typeof alg !== 'string' || !options.algorithms.includes(alg))
        throw invalidEsiaToken('alg not allowed');
      const claims = decodedPart(payload, 'the payload') as JWTPayload;
      if (!(await signatureHolds(`${header}.${payload}`, Buffer.from(signature, 'base64url')))) {
        throw invalidEsiaToken('signature does not verify');
      }
      const now = options.now().getTime();
      if (claims.iss !== options.issuer) throw invalidEsiaToken('iss is not ESIA');
      if (typeof claims.exp !== 'number') throw invalidEsiaToken('exp is missing');
      if (claims.exp * 1000 + leewayMs < now) throw invalidEsiaToken('expired');
      if (typeof claims.nbf === 'number' && claims.nbf * 1000 - leewayMs > now) {
        throw invalidEsiaToken('not yet valid');
      }
      return claimsOf(claims, options.clientId);
    },
  };
}
