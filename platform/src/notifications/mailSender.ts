import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { NotificationSettings } from './notificationSettings.ts';

export interface MailMessage {
  /** Stable per notification: the same id on a retry lets mail systems drop the duplicate. */
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  /** The letter as mail programs show it, and its plain-text alternative for those that show no HTML. */
  readonly html: string;
  readonly text: string;
}

export interface MailSender {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Where a sender's messages come from: the From address and the service whose Message-IDs they carry. */
export interface MailOrigin {
  readonly from: string;
  readonly service: string;
}

function envelope(origin: MailOrigin, message: MailMessage) {
  return {
    from: origin.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: `<${message.id}@${origin.service}.cabinet>`,
    // Cyrillic text (both parts): base64 is shorter than quoted-printable and survives every relay.
    textEncoding: 'base64' as const,
  };
}

/** Production: an SMTP relay, e.g. `smtps://user:password@smtp.example.ru:465`. */
export function smtpMailSender(smtpUrl: string, origin: MailOrigin): MailSender {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail(envelope(origin, message));
    },
    close: () => transport.close(),
  };
}

/**
 * Embedded profile: each message becomes `<directory>/<id>.eml`. The file is written under a temporary
 * name and renamed, so a reader never sees half a message and a re-sent one replaces itself.
 */
export function mailboxMailSender(directory: string, origin: MailOrigin): MailSender {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail(envelope(origin, message));
      await mkdir(directory, { recursive: true });
      const file = join(directory, `${message.id}.eml`);
      await writeFile(`${file}.tmp`, info.message);
      await rename(`${file}.tmp`, file);
    },
    close: () => transport.close(),
  };
}

/** SMTP when `SMTP_URL` is set; otherwise the embedded profile's mailbox, `<DATA_DIR>/mailbox`. */
export function mailSenderFor(settings: NotificationSettings, service: string): MailSender {
  const origin = { from: settings.MAIL_FROM, service };
  return settings.SMTP_URL === undefined
    ? mailboxMailSender(join(settings.DATA_DIR, 'mailbox'), origin)
    : smtpMailSender(settings.SMTP_URL, origin);
}
