import { spawn } from 'node:child_process';
import { SignerError, type Signer } from './signer.ts';

export interface CommandSignerOptions {
  /** Absolute path of the signing tool, e.g. openssl built with a GOST engine, or CryptoPro's csptest. */
  readonly command: string;
  /** Arguments that make the tool read the data on stdin and write a detached signature to stdout. */
  readonly args: readonly string[];
  /** `client_certificate_hash` of the certificate the tool signs with (as registered in ESIA). */
  readonly certificateHash: string;
  readonly timeoutMs: number;
  /** How the tool writes the signature: raw bytes, or base64 text. */
  readonly output: 'binary' | 'base64';
  /** CryptoPro writes GOST signatures little-endian; ESIA expects them byte-reversed. */
  readonly reverseBytes: boolean;
}

const STDERR_LIMIT = 2_000;

/**
 * Production signer: runs the configured tool once per signature, without a shell, with the data
 * on stdin. A tool that hangs is killed after the timeout so a sign-in fails instead of piling up.
 */
export function createCommandSigner(options: CommandSignerOptions): Signer {
  if (!/^[0-9a-f]{64}$/i.test(options.certificateHash)) {
    throw new SignerError('the certificate hash must be 64 hex characters');
  }
  return {
    certificateHash: options.certificateHash.toLowerCase(),
    async sign(data) {
      const stdout = await run(options, data);
      const signature = options.output === 'base64' ? decodeBase64(stdout) : stdout;
      if (signature.length === 0) throw new SignerError(`${options.command} produced an empty signature`);
      return new Uint8Array(options.reverseBytes ? Buffer.from(signature).reverse() : signature);
    },
  };
}

function decodeBase64(text: Buffer): Buffer {
  const compact = text.toString('ascii').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) throw new SignerError('the signer output is not base64');
  return Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
}

function run(options: CommandSignerOptions, data: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, [...options.args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stderr = '';
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() =>
        reject(new SignerError(`${options.command} did not finish within ${options.timeoutMs} ms`)),
      );
    }, options.timeoutMs);

    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_LIMIT) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) =>
      finish(() =>
        reject(new SignerError(`cannot run ${options.command}: ${error.message}`, { cause: error })),
      ),
    );
    child.on('close', (exitCode, signal) =>
      finish(() => {
        if (exitCode === 0) resolve(Buffer.concat(stdout));
        else {
          const status = signal ? `signal ${signal}` : `exit code ${String(exitCode)}`;
          reject(
            new SignerError(
              `${options.command} failed with ${status}: ${stderr.slice(0, STDERR_LIMIT).trim()}`,
            ),
          );
        }
      }),
    );
    // A tool that exits before reading all of stdin makes the pipe close early; its exit code tells why.
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.from(data));
  });
}
