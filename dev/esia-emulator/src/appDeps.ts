import type { Logger } from '@cabinet/platform/logging';
import type { ClientCredentials } from './clients.ts';
import type { EsiaTestPerson } from './persons.ts';
import type { SmsMessage } from './signInFlow.ts';
import type { EmulatorState } from './state.ts';
import type { TokenKeys } from './tokenKeys.ts';

export interface AppDeps {
  readonly state: EmulatorState;
  readonly clients: ReadonlyMap<string, ClientCredentials>;
  readonly persons: readonly EsiaTestPerson[];
  readonly keys: TokenKeys;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly timestampToleranceSeconds: number;
  readonly publicUrl: () => string;
  readonly onSms: (sms: SmsMessage) => void;
  readonly newSmsCode?: () => string;
}
