import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface MailboxMessage {
  /** The file's name: the notification's id with `.eml`. */
  readonly file: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** The recipient, decoded subject and body of a message nodemailer wrote (base64 body, RFC 2047 subject). */
export function readEml(raw: string): Omit<MailboxMessage, 'file'> {
  const [head = '', body = ''] = raw.split('\n\n');
  const header = (name: string) => new RegExp(`^${name}: (.*(?:\\n[ \\t].*)*)`, 'mi').exec(head)?.[1] ?? '';
  const subject = header('Subject')
    .replace(/\n[ \t]/g, '')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_, encoded: string) =>
      Buffer.from(encoded, 'base64').toString('utf8'),
    );
  return { to: header('To'), subject, text: Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8') };
}

/** The messages the embedded profile's mail sender wrote to `directory` (`<DATA_DIR>/mailbox`); none when it does not exist. */
export async function mailboxMessages(directory: string): Promise<MailboxMessage[]> {
  const files = (await readdir(directory).catch(() => [] as string[])).filter((file) =>
    file.endsWith('.eml'),
  );
  return Promise.all(
    files.map(async (file) => ({ file, ...readEml(await readFile(join(directory, file), 'utf8')) })),
  );
}
