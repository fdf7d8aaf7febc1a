import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';

export const ACCESS_TOKEN_ALG = 'ES256';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  /** When the key started signing; keys from before rotation existed count as the epoch. */
  readonly createdAt: Date;
}

/** The keys identity signs access tokens with: the newest signs, older ones stay published to verify. */
export interface KeyRing {
  readonly active: SigningKey;
  readonly all: readonly SigningKey[];
}

interface KeyRingFile {
  keys: JWK[];
  /** kid → ISO time the key was added. */
  createdAt?: Record<string, string>;
}

export async function generateSigningKey(): Promise<{ key: SigningKey; privateJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN_ALG, { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ACCESS_TOKEN_ALG, use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ACCESS_TOKEN_ALG, use: 'sig' };
  return { key: { kid, privateKey, publicJwk, createdAt: new Date(0) }, privateJwk };
}

async function importSigningKey(privateJwk: JWK, createdAt: string | undefined): Promise<SigningKey> {
  if (!privateJwk.kid || !privateJwk.d) throw new Error('a signing key needs kid and private part d');
  const privateKey = (await importJWK(privateJwk, ACCESS_TOKEN_ALG)) as CryptoKey;
  const { d: _d, ...publicJwk } = privateJwk;
  return { kid: privateJwk.kid, privateKey, publicJwk, createdAt: new Date(createdAt ?? 0) };
}

async function readRingFile(file: string): Promise<KeyRingFile | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as KeyRingFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeRingFile(file: string, stored: KeyRingFile): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  // Write-then-rename: an instance reading the ring never sees half a file.
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, JSON.stringify(stored, null, 2), { mode: 0o600 });
  await rename(temporary, file);
}

async function ringOf(file: string, stored: KeyRingFile): Promise<KeyRing> {
  const all = await Promise.all(
    stored.keys.map((jwk) => importSigningKey(jwk, stored.createdAt?.[jwk.kid ?? ''])),
  );
  const active = all.at(-1);
  if (!active) throw new Error(`key ring ${file} holds no keys`);
  return { active, all };
}

async function withNewKey(stored: KeyRingFile | undefined, now: Date): Promise<KeyRingFile> {
  const { privateJwk } = await generateSigningKey();
  return {
    keys: [...(stored?.keys ?? []), privateJwk],
    createdAt: { ...stored?.createdAt, [privateJwk.kid ?? '']: now.toISOString() },
  };
}

/**
 * Reads the key ring from a JSON file shared by every identity instance (a mounted secret in
 * production), creating it with one fresh key when it does not exist yet (the embedded profile).
 */
export async function loadOrCreateKeyRing(file: string, now: Date = new Date()): Promise<KeyRing> {
  let stored = await readRingFile(file);
  if (!stored) {
    stored = await withNewKey(undefined, now);
    await writeRingFile(file, stored);
  }
  return ringOf(file, stored);
}

/**
 * Which keys a ring still needs at `now`: the active one, and every older key whose successor began
 * signing less than `retentionMs` ago, because tokens it signed may not have expired yet.
 */
export function keysStillNeeded<K extends { readonly createdAt: Date }>(
  keys: readonly K[],
  now: Date,
  retentionMs: number,
): K[] {
  return keys.filter((_key, index) => {
    const successor = keys[index + 1];
    return successor === undefined || now.getTime() - successor.createdAt.getTime() < retentionMs;
  });
}

/** Whether the active key has signed for `maxAgeMs` and a new one should take over. */
export function rotationDue(ring: KeyRing, now: Date, maxAgeMs: number): boolean {
  return now.getTime() - ring.active.createdAt.getTime() >= maxAgeMs;
}

/**
 * Adds a new signing key (it signs from now on) and drops retired keys no token can still need:
 * `retentionMs` must cover the access token lifetime plus how long other instances take to reload.
 */
export async function rotateKeyRing(file: string, now: Date, retentionMs: number): Promise<KeyRing> {
  const rotated = await withNewKey(await readRingFile(file), now);
  const dated = rotated.keys.map((jwk) => ({
    jwk,
    createdAt: new Date(rotated.createdAt?.[jwk.kid ?? ''] ?? 0),
  }));
  const kept = keysStillNeeded(dated, now, retentionMs);
  const stored: KeyRingFile = {
    keys: kept.map((key) => key.jwk),
    createdAt: Object.fromEntries(kept.map((key) => [key.jwk.kid ?? '', key.createdAt.toISOString()])),
  };
  await writeRingFile(file, stored);
  return ringOf(file, stored);
}

export function publicJwks(ring: KeyRing): { keys: JWK[] } {
  return { keys: ring.all.map((key) => key.publicJwk) };
}
