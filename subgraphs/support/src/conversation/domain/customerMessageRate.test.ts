import { DomainError } from '@cabinet/kernel';
import { describe, expect, it } from 'vitest';
import { admitCustomerMessage, type CountedMessage } from './customerMessageRate.ts';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1_000);
const sent = (messageId: string, seconds: number): CountedMessage => ({
  messageId,
  sentAt: at(seconds).toISOString(),
});
// Messages at 0, 20 and 30 s, in whichever conversations, fill a limit of 3.
const burst = [sent('m1', 0), sent('m2', 20), sent('m3', 30)];

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the per-minute limit on a customer’s messages', () => {
  it('counts a message within the limit and forgets those older than a minute', () => {
    expect(admitCustomerMessage([sent('m0', -61), sent('m1', 0)], 'm2', at(10), 3)).toEqual([
      sent('m1', 0),
      sent('m2', 10),
    ]);
  });

  it('refuses the message over the limit with when to write again, and takes it once the oldest left the minute', () => {
    const refused = refusal(() => admitCustomerMessage(burst, 'm4', at(45), 3));
    expect(refused.code).toBe('SUPPORT_MESSAGE_RATE_LIMITED');
    expect(refused.message).toBe('Слишком много сообщений подряд. Подождите немного и отправьте снова.');
    expect(refused.details).toEqual({ retryAfterSeconds: 15 });
    expect(admitCustomerMessage(burst, 'm4', at(61), 3)).toEqual([
      sent('m2', 20),
      sent('m3', 30),
      sent('m4', 61),
    ]);
  });

  it('lets a retried message through without counting it twice, even at the limit', () => {
    expect(admitCustomerMessage(burst, 'm2', at(45), 3)).toBeNull();
  });
});
