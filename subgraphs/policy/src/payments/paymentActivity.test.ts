import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rubles } from '@cabinet/kernel';
import { ActivityRecorder } from '@cabinet/platform/activity';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import { createLogger } from '@cabinet/platform/logging';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paymentActivity } from './paymentActivity.ts';
import type { PaymentRecord } from './paymentRepository.ts';

const declined: PaymentRecord = {
  id: 'payment-1',
  customerId: 'customer-1',
  idempotencyKey: 'key-0000001',
  purpose: { kind: 'INSTALMENT', policyId: 'policy-1', instalmentId: 'instalment-1' },
  paymentMethodId: 'card-1',
  amount: rubles(2_100),
  requestFingerprint: 'f',
  status: 'DECLINED',
  declineReason: 'INSUFFICIENT_FUNDS',
  createdAt: '2026-03-01T10:00:00.000Z',
  settledAt: '2026-03-01T10:00:01.000Z',
  cardToken: 'dev-card:INSUFFICIENT_FUNDS:1',
  fulfilment: 'NOT_NEEDED',
};

describe('paymentActivity', () => {
  let dir: string;
  let events: EventStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'payment-activity-'));
    events = await openEventStore({ sqliteFile: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes a declined payment into the customer's activity log with its decline code", async () => {
    const recorder = new ActivityRecorder({
      events,
      service: 'policy',
      now: () => new Date('2026-03-01T10:00:01Z'),
      newId: () => '0b7c6a2e-3f1d-4c5b-9a8e-7d6c5b4a3f21',
    });
    await paymentActivity(recorder, createLogger('policy-test', 'silent')).recorded(
      declined,
      'customer:customer-1',
    );
    const [entry] = await events.read('activity-customer-1');
    expect(entry?.data).toMatchObject({
      action: 'PAYMENT_DECLINED',
      outcome: 'FAILURE',
      actor: 'customer:customer-1',
      service: 'policy',
      errorCode: 'INSUFFICIENT_FUNDS',
      details: {
        paymentId: 'payment-1',
        purpose: 'INSTALMENT',
        policyId: 'policy-1',
        amount: '2100.00',
        currency: 'RUB',
      },
    });
  });
});
