import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime from 'postal-mime';

export interface MailboxMessage {
  /** The file's name: the notification's id with `.eml`. */
  readonly file: string;
  /** The recipients' addresses, comma-separated. */
  readonly to: string;
  readonly subject: string;
  /** The HTML part, decoded; empty when the message has none. */
  readonly html: string;
  /** The plain-text part, decoded. */
  readonly text: string;
}

/** The recipients, decoded subject and the HTML and plain-text parts of a message, as a mail program reads them. */
export async function readEml(raw: string): Promise<Omit<MailboxMessage, 'file'>> {
  const email = await PostalMime.parse(raw);
  const to = (email.to ?? [])
    .flatMap((address) => address.group ?? [address])
    .map((mailbox) => mailbox.address)
    .join(', ');
  return { to, subject: email.subject ?? '', html: email.html ?? '', text: email.text ?? '' };
}

/** The messages the embedded profile's mail sender wrote to `directory` (`<DATA_DIR>/mailbox`); none when it does not exist. */
export async function mailboxMessages(directory: string): Promise<MailboxMessage[]> {
  const files = (await readdir(directory).catch(() => [] as string[])).filter((file) =>
    file.endsWith('.eml'),
  );
  return Promise.all(
    files.map(async (file) => ({ file, ...(await readEml(await readFile(join(directory, file), 'utf8'))) })),
  );
}
