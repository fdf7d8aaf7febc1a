import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The QR codes on a PDF's first page as a phone's camera would read them: the page rendered to an image
 * (poppler-utils' pdftoppm), the image scanned (zbar-tools' zbarimg), one decoded text per code.
 */
export async function pdfQrCodes(bytes: Uint8Array): Promise<string[]> {
  const directory = await mkdtemp(join(tmpdir(), 'pdf-codes-'));
  try {
    const file = join(directory, 'document.pdf');
    await writeFile(file, bytes);
    await run('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', file, join(directory, 'page')]);
    const [image] = (await readdir(directory)).filter((name) => name.endsWith('.png'));
    if (image === undefined) throw new Error('pdftoppm rendered no page');
    // zbarimg exits with 4 when it finds no code: that is an empty answer, not a failure.
    const scanned = await run('zbarimg', [
      '-q',
      '--raw',
      '-Sdisable',
      '-Sqrcode.enable',
      join(directory, image),
    ]).catch((error: { code?: number; stdout?: string }) => {
      if (error.code === 4) return { stdout: '' };
      throw error;
    });
    return scanned.stdout.split('\n').filter((line) => line !== '');
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
