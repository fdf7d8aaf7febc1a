import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const SECRET_BYTES = 32;

/**
 * The key document links are signed with. Production sets DOCUMENT_LINK_SECRET, shared by every
 * policy instance; the embedded profile keeps a random one in its data directory, so links survive
 * a restart.
 */
export async function loadLinkSecret(configured: string | undefined, file: string): Promise<Buffer> {
  if (configured !== undefined) return Buffer.from(configured, 'utf8');
  const stored = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (stored !== null) return Buffer.from(stored.trim(), 'hex');
  const secret = randomBytes(SECRET_BYTES);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, secret.toString('hex'), { mode: 0o600, flag: 'wx' }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
}
