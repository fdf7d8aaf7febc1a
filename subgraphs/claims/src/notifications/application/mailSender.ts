import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  /** Stable per notification: the same id on a retry lets mail systems drop the duplicate. */
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface MailSender {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

function envelope(from: string, message: MailMessage) {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    messageId: `<${message.id}@claims.cabinet>`,
    // Cyrillic text: base64 is shorter than quoted-printable and survives every relay.
    textEncoding: 'base64' as const,
  };
}

/** Production: an SMTP relay, e.g. `smtps://user:password@smtp.example.ru:465`. */
export function smtpMailSender(smtpUrl: string, from: string): MailSender {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail(envelope(from, message));
    },
    close: () => transport.close(),
  };
}

/**
 * Embedded profile: each message becomes `<directory>/<id>.eml`. The file is written under a temporary
 * name and renamed, so a reader never sees half a message and a re-sent one replaces itself.
 */
export function mailboxMailSender(directory: string, from: string): MailSender {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail(envelope(from, message));
      await mkdir(directory, { recursive: true });
      const file = join(directory, `${message.id}.eml`);
      await writeFile(`${file}.tmp`, info.message);
      await rename(`${file}.tmp`, file);
    },
    close: () => transport.close(),
  };
}
