import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface MailedMessage {
  readonly to: string;
  readonly text: string;
}

/**
 * The messages the embedded profile wrote to `<dataDir>/mailbox/*.eml` instead of sending them: the
 * recipient and the decoded text.
 */
export async function mailboxOf(dataDir: string): Promise<MailedMessage[]> {
  const directory = join(dataDir, 'mailbox');
  const files = (await readdir(directory).catch(() => [] as string[])).filter((file) =>
    file.endsWith('.eml'),
  );
  return Promise.all(
    files.map(async (file) => {
      const [head = '', body = ''] = (await readFile(join(directory, file), 'utf8')).split('\n\n');
      return {
        to: /^To: (.*)$/m.exec(head)?.[1] ?? '',
        text: Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8'),
      };
    }),
  );
}
