import { env, optional, type ConfigOf } from '../config/env.ts';

/** The settings of a service that sends notices by e-mail and push records; spread into its config spec. */
export const notificationConfigSpec = {
  /** Production: the SMTP relay for notices, e.g. `smtps://user:password@smtp.example.ru:465`; without it they go to `<DATA_DIR>/mailbox`. */
  SMTP_URL: optional(env.url()),
  MAIL_FROM: env.string('Страховая компания <no-reply@cabinet.example.ru>'),
  /**
   * The customer cabinet's web address: notices link to the page of what they are about. By default the
   * embedded profile's sign-in page, which serves the cabinet's claim and conversation pages in development.
   */
  CABINET_URL: env.url('http://localhost:3000/'),
  NOTIFICATION_MAX_ATTEMPTS: env.integer(8, { min: 1, max: 50 }),
  /** The first retry's delay; each later one doubles it. */
  NOTIFICATION_RETRY_MS: env.integer(5_000, { min: 10, max: 3_600_000 }),
  NOTIFICATION_POLL_MS: env.integer(1_000, { min: 10, max: 60_000 }),
};

export type NotificationSettings = ConfigOf<typeof notificationConfigSpec> & { readonly DATA_DIR: string };
