import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandSigner, type CommandSignerOptions } from './commandSigner.ts';
import { SignerError } from './signer.ts';

const HASH = 'ab'.repeat(32);
const data = new TextEncoder().encode('client_id scope timestamp state redirect_uri');

/** The production signer is exercised with real tools: openssl signs, node stands in for odd tools. */
describe('createCommandSigner', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let directory: string;
  let keyFile: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'esia-signer-'));
    keyFile = join(directory, 'client.key');
    await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const options = (overrides: Partial<CommandSignerOptions>): CommandSignerOptions => ({
    command: 'openssl',
    args: ['dgst', '-sha256', '-sign', keyFile],
    certificateHash: HASH,
    timeoutMs: 10_000,
    output: 'binary',
    reverseBytes: false,
    ...overrides,
  });

  it('pipes the data through the tool and returns its detached signature', async () => {
    const signer = createCommandSigner(options({}));

    const signature = await signer.sign(data);

    expect(verify('sha256', data, publicKey, signature)).toBe(true);
    expect(signer.certificateHash).toBe(HASH);
  });

  it('decodes base64 output and reverses the bytes as CryptoPro output needs', async () => {
    const script = "process.stdout.write(Buffer.from([1, 2, 3, 250]).toString('base64') + '\\n')";
    const signer = createCommandSigner(
      options({ command: process.execPath, args: ['-e', script], output: 'base64', reverseBytes: true }),
    );

    expect([...(await signer.sign(data))]).toEqual([250, 3, 2, 1]);
  });

  it.each([
    {
      why: 'the tool fails',
      command: process.execPath,
      args: ['-e', "console.error('no key'); process.exit(3)"],
      message: /exit code 3: no key/,
    },
    {
      why: 'the tool does not exist',
      command: join(tmpdir(), 'no-such-signer'),
      args: [],
      message: /cannot run/,
    },
    {
      why: 'the tool prints nothing',
      command: process.execPath,
      args: ['-e', ''],
      message: /empty signature/,
    },
    {
      why: 'the tool hangs',
      command: process.execPath,
      args: ['-e', 'setTimeout(() => {}, 60_000)'],
      message: /did not finish within 300 ms/,
      timeoutMs: 300,
    },
  ])('rejects with a SignerError when $why', async ({ command, args, message, timeoutMs }) => {
    const signer = createCommandSigner(options({ command, args, ...(timeoutMs ? { timeoutMs } : {}) }));

    const attempt = signer.sign(data);

    await expect(attempt).rejects.toThrow(SignerError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('refuses a certificate hash that is not 64 hex characters', () => {
    expect(() => createCommandSigner(options({ certificateHash: 'abc' }))).toThrow(SignerError);
  });
});
