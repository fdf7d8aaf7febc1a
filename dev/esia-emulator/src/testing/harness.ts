import { createLogger } from '@cabinet/platform/logging';
import { generateClientKeyPair } from '../clientKeys.ts';
import { start, type RunningEmulator } from '../index.ts';
import type { SmsMessage } from '../signInFlow.ts';
import type { TestClient } from './client.ts';

/** A clock tests move by hand, so codes and lockouts can expire without waiting. */
export class ManualClock {
  constructor(private current: Date) {}

  readonly now = (): Date => new Date(this.current);

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

export interface TestEmulator {
  readonly emulator: RunningEmulator;
  readonly client: TestClient;
  readonly clock: ManualClock;
  readonly sms: SmsMessage[];
}

/** An emulator on a free port with one registered client whose key pair the test holds. */
export async function startTestEmulator(
  redirectUri = 'https://cabinet.example/auth/esia/callback',
  startAt = new Date('2026-03-02T09:00:00Z'),
): Promise<TestEmulator> {
  const keys = generateClientKeyPair();
  const clock = new ManualClock(startAt);
  const sms: SmsMessage[] = [];
  const client: TestClient = { clientId: 'INSURER_TEST', privateKeyPem: keys.privateKeyPem, redirectUri };
  const emulator = await start({
    port: 0,
    clients: [{ clientId: client.clientId, certificatePem: keys.publicKeyPem, redirectUris: [redirectUri] }],
    now: clock.now,
    logger: createLogger('esia-emulator', 'silent'),
    onSms: (message) => sms.push(message),
  });
  return { emulator, client, clock, sms };
}
