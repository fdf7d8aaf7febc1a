import { spawn } from 'node:child_process';

const STDERR_LIMIT = 2_000;

export interface CommandOutcome {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  /** The first couple of thousand characters the tool wrote to stderr. */
  readonly stderr: string;
}

/**
 * Runs a cryptographic tool (openssl with a GOST engine, CryptoPro) once, without a shell, with `input`
 * on stdin. Rejects only when the tool cannot run or hangs (it is killed after the timeout, so a sign-in
 * fails instead of piling up); what its exit code means is the caller's to say.
 */
export function runExternalCommand(
  command: string,
  args: readonly string[],
  input: Uint8Array,
  timeoutMs: number,
): Promise<CommandOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
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
      finish(() => reject(new Error(`${command} did not finish within ${timeoutMs} ms`)));
    }, timeoutMs);

    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_LIMIT) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) =>
      finish(() => reject(new Error(`cannot run ${command}: ${error.message}`, { cause: error }))),
    );
    child.on('close', (exitCode, signal) =>
      finish(() =>
        resolve({
          exitCode,
          signal,
          stdout: Buffer.concat(stdout),
          stderr: stderr.slice(0, STDERR_LIMIT).trim(),
        }),
      ),
    );
    // A tool that exits before reading all of stdin makes the pipe close early; its exit code tells why.
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.from(input));
  });
}
