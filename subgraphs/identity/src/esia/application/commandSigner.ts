import { runExternalCommand } from './externalCommand.ts';
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

/** Production signer: runs the configured tool once per signature with the data on stdin. */
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

async function run(options: CommandSignerOptions, data: Uint8Array): Promise<Buffer> {
  const outcome = await runExternalCommand(options.command, options.args, data, options.timeoutMs).catch(
    (error: unknown) => {
      throw new SignerError(error instanceof Error ? error.message : String(error), { cause: error });
    },
  );
  if (outcome.exitCode === 0) return outcome.stdout;
  const status = outcome.signal ? `signal ${outcome.signal}` : `exit code ${String(outcome.exitCode)}`;
  throw new SignerError(`${options.command} failed with ${status}: ${outcome.stderr}`);
}
