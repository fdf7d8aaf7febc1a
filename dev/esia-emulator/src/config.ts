import type { Logger } from '@cabinet/platform/logging';
import type { RegisteredClient } from './clients.ts';
import type { EsiaTestPerson } from './persons.ts';
import type { SmsMessage } from './signInFlow.ts';

export interface EmulatorOptions {
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly host?: string;
  /** The origin written into links (collection elements); defaults to the address listened on. */
  readonly publicUrl?: string;
  readonly clients: readonly RegisteredClient[];
  readonly persons?: readonly EsiaTestPerson[];
  /** PEM of the RSA key that signs tokens; a fresh key is generated in memory when absent. */
  readonly tokenSigningKeyPem?: string;
  /** How far a request's `timestamp` may be from the emulator's clock (ESIA-007015 beyond). */
  readonly timestampToleranceSeconds?: number;
  readonly now?: () => Date;
  readonly logger?: Logger;
  /** Called with every SMS code sent, besides the log line; tests read codes through it. */
  readonly onSms?: (sms: SmsMessage) => void;
  readonly newSmsCode?: () => string;
}

export const DEFAULT_TIMESTAMP_TOLERANCE_SECONDS = 300;
