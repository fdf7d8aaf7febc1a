import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError, env, optional, type Setting } from '../config/env.ts';

/** The header a gateway's or a sibling service's request to a subgraph carries its proof in. */
export const INTERNAL_REQUEST_HEADER = 'x-internal-request';

/** Where a subscribe message over a WebSocket carries the proof: the connection is shared, each operation proves itself. */
export const INTERNAL_REQUEST_EXTENSION = 'internalRequest';

const VERSION = 'v1';
/** Allows for the clocks of two hosts disagreeing and a request waiting in a queue; a stolen proof is useless afterwards. */
const PROOF_LIFETIME_MS = 60_000;
const MIN_SECRET_LENGTH = 32;
/**
 * A proof serves every call of the second after its issue: it is good for a minute anyway, signing
 * each call was a measurable share of the gateway's work, and identical queries in flight at once
 * then carry identical headers, so the gateway's runtime can send them as one.
 */
const PROOF_REUSE_MS = 1_000;

/**
 * `INTERNAL_REQUEST_SECRET`: the key the gateway and the services prove their requests to each other
 * with; `npm start` makes one per run. Optional here so tools that only read a service's configuration
 * (the claims CLI, the seeder) run without it; whatever serves or calls a subgraph requires it.
 */
export const internalRequestSecretSetting: Setting<string | undefined> = optional({
  read(variable, raw) {
    const secret = env.string().read(variable, raw);
    if (secret.length < MIN_SECRET_LENGTH)
      throw new ConfigError(variable, `must be at least ${MIN_SECRET_LENGTH} characters long`);
    return secret;
  },
});

/** The secret a process that serves or calls subgraphs cannot do without. */
export function requireInternalRequestSecret(secret: string | undefined): string {
  if (secret === undefined)
    throw new ConfigError(
      'INTERNAL_REQUEST_SECRET',
      'is required: subgraphs answer only requests proven with it (npm start makes one per run)',
    );
  return secret;
}

export interface InternalRequestSigner {
  /** A fresh proof, the value of INTERNAL_REQUEST_HEADER. */
  proof(): string;
}

export interface InternalRequestVerifier {
  /** The name of the internal caller a proof comes from, or undefined when it proves nothing. */
  callerOf(proof: unknown): string | undefined;
}

/**
 * Proofs are `v1.<caller>.<issued at, ms>.<HMAC-SHA256 of the three>` under the shared secret: cheap
 * enough to make for every subgraph call and checked without a network round trip. A proof is good for
 * a minute either side of its time of issue.
 */
export function createInternalRequestSigner(
  secret: string,
  caller: string,
  now: () => number = Date.now,
): InternalRequestSigner {
  if (!/^[a-z][a-z0-9-]*$/.test(caller)) throw new RangeError(`not a caller name: "${caller}"`);
  let latest = { issuedAt: Number.NEGATIVE_INFINITY, proof: '' };
  return {
    proof() {
      const at = now();
      if (at - latest.issuedAt >= PROOF_REUSE_MS || at < latest.issuedAt) {
        const signed = `${VERSION}.${caller}.${at}`;
        latest = { issuedAt: at, proof: `${signed}.${mac(secret, signed)}` };
      }
      return latest.proof;
    },
  };
}

export function createInternalRequestVerifier(
  secret: string,
  now: () => number = Date.now,
): InternalRequestVerifier {
  return {
    callerOf(proof) {
      if (typeof proof !== 'string') return undefined;
      const parts = proof.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
      const [, caller, issuedAt, signature] = parts as [string, string, string, string];
      if (!/^\d{1,16}$/.test(issuedAt) || Math.abs(now() - Number(issuedAt)) > PROOF_LIFETIME_MS)
        return undefined;
      const expected = Buffer.from(mac(secret, `${VERSION}.${caller}.${issuedAt}`));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected) ? caller : undefined;
    },
  };
}

function mac(secret: string, signed: string): string {
  return createHmac('sha256', secret).update(signed).digest('base64url');
}
