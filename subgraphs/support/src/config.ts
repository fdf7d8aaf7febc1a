import {
  ConfigError,
  env,
  loadConfig,
  serviceConfigSpec,
  type ConfigOf,
  type Setting,
} from '@cabinet/platform/config';
import { notificationConfigSpec } from '@cabinet/platform/notifications';
import { fileLinkConfigSpec } from '@cabinet/platform/files';
import type { BusinessHours } from './conversation/domain/businessHours.ts';

const HOURS = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

/** `HH:MM-HH:MM` (Moscow time, working days) or `always`. */
function businessHours(fallback: string): Setting<BusinessHours> {
  return {
    read(variable, raw) {
      const value = raw ?? fallback;
      if (value === 'always') return 'ALWAYS';
      const [, openH, openM, closeH, closeM] = (HOURS.exec(value) ?? []).map(Number);
      const opensAtMinute = (openH ?? NaN) * 60 + (openM ?? NaN);
      const closesAtMinute = (closeH ?? NaN) * 60 + (closeM ?? NaN);
      if (!(opensAtMinute < closesAtMinute) || closesAtMinute > 24 * 60)
        throw new ConfigError(
          variable,
          `must be HH:MM-HH:MM (opening before closing) or always, got "${value}"`,
        );
      return { opensAtMinute, closesAtMinute };
    },
  };
}

export const supportConfigSpec = {
  ...serviceConfigSpec,
  PORT: env.port(4004),
  /** The policy subgraph, asked directly whether a conversation's policy is the customer's. */
  POLICY_URL: env.url('http://localhost:4002/graphql'),
  /** The claims subgraph, asked directly whether a conversation's claim is the customer's. */
  CLAIMS_URL: env.url('http://localhost:4003/graphql'),
  /**
   * The identity subgraph, asked directly whether an operator receiving a conversation is in the staff
   * register, and, on the customer's token, for the e-mail Gosuslugi verified for them.
   */
  IDENTITY_URL: env.url('http://localhost:4001/graphql'),
  /** One attempt of a call to policy, claims or identity. */
  UPSTREAM_TIMEOUT_MS: env.integer(2_000, { min: 100, max: 30_000 }),
  /** Days after closing within which a customer may reopen a conversation. */
  REOPEN_WITHIN_DAYS: env.integer(7, { min: 1, max: 365 }),
  /** The most messages a customer may send within a minute, across all their conversations (opening ones included). */
  CUSTOMER_MESSAGES_PER_MINUTE: env.integer(10, { min: 1, max: 60 }),
  /** When operators answer, Moscow time on working days (`09:00-18:00`), or `always`; outside them a customer gets an automatic reply saying when to expect one. */
  SUPPORT_HOURS: businessHours('09:00-18:00'),
  /** How long an operator's reply may stay unread before the customer gets an e-mail and a push record of it (`30s`, `15m`, `2h`). */
  SUPPORT_UNREAD_NOTICE_AFTER: env.duration(15 * 60_000),
  ...notificationConfigSpec,
  ...fileLinkConfigSpec,
};

export type SupportConfig = ConfigOf<typeof supportConfigSpec>;

export const loadSupportConfig = (source: Record<string, string | undefined> = process.env): SupportConfig =>
  loadConfig(supportConfigSpec, source);
