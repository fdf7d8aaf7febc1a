import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';

export const ACCESS_TOKEN_ALG = 'ES256';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

/** The keys identity signs access tokens with: the newest signs, older ones stay published to verify. */
export interface KeyRing {
  readonly active: SigningKey;
  readonly all: readonly SigningKey[];
}

interface KeyRingFile {
  keys: JWK[];
}

export async function generateSigningKey(): Promise<{ key: SigningKey; privateJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN_ALG, { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ACCESS_TOKEN_ALG, use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ACCESS_TOKEN_ALG, use: 'sig' };
  return { key: { kid, privateKey, publicJwk }, privateJwk };
}

async function importSigningKey(privateJwk: JWK): Promise<SigningKey> {
  if (!privateJwk.kid || !privateJwk.d) throw new Error('a signing key needs kid and private part d');
  const privateKey = (await importJWK(privateJwk, ACCESS_TOKEN_ALG)) as CryptoKey;
  const { d: _d, ...publicJwk } = privateJwk;
  return { kid: privateJwk.kid, privateKey, publicJwk };
}

/**
 * Reads the key ring from a JSON file shared by every identity instance (a mounted secret in
 * production), creating it with one fresh key when it does not exist yet (the embedded profile).
 */
export async function loadOrCreateKeyRing(file: string): Promise<KeyRing> {
  let stored: KeyRingFile;
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as KeyRingFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { privateJwk } = await generateSigningKey();
    stored = { keys: [privateJwk] };
    await mkdir(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(stored, null, 2), { mode: 0o600 });
    await rename(temporary, file);
  }
  const all = await Promise.all(stored.keys.map(importSigningKey));
  const active = all.at(-1);
  if (!active) throw new Error(`key ring ${file} holds no keys`);
  return { active, all };
}

export function publicJwks(ring: KeyRing): { keys: JWK[] } {
  return { keys: ring.all.map((key) => key.publicJwk) };
}
