import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rubles } from '@cabinet/kernel';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { registerMetricGroups } from '@cabinet/platform/metrics';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sample } from '@cabinet/platform/testing';
import type { PaymentStatus } from '../domain/index.ts';
import { createPaymentMetrics } from './paymentMetrics.ts';
import { PaymentRepository, type Fulfilment } from '../storage/paymentRepository.ts';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

describe('payment reconciliation metrics', () => {
  let dir: string;
  let store: DocumentStore;
  let payments: PaymentRepository;
  let registry: Registry;
  const scrape = async (name: string) => sample(await registry.metrics(), name);
  let next = 0;
  const payment = (status: PaymentStatus, fulfilment: Fulfilment, createdAt: string) =>
    payments.insertIfKeyFree({
      id: `payment-${(next += 1)}`,
      customerId: 'customer-1',
      idempotencyKey: `key-${next}`,
      purpose: { kind: 'INSTALMENT', policyId: 'policy-1', instalmentId: `instalment-${next}` },
      paymentMethodId: 'card-1',
      amount: rubles(2_100),
      requestFingerprint: 'f',
      status,
      createdAt,
      cardToken: 'card',
      fulfilment,
    });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'payment-metrics-'));
    store = await openDocumentStore({ sqliteFile: join(dir, 'documents.sqlite') });
    payments = await PaymentRepository.open(store);
    registry = new Registry();
    registerMetricGroups(registry, [createPaymentMetrics(payments, () => NOW)]);
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('show nothing waiting when every payment is settled and applied', async () => {
    await payment('SUCCEEDED', 'DONE', minutesAgo(5));
    await payment('DECLINED', 'NOT_NEEDED', minutesAgo(4));

    expect(await scrape('payments_awaiting_settlement')).toBe(0);
    expect(await scrape('payments_awaiting_settlement_oldest_age_seconds')).toBe(0);
    expect(await scrape('payments_awaiting_fulfilment')).toBe(0);
    expect(await scrape('payments_fulfilment_failed')).toBe(0);
  });

  it('count what reconciliation still has to do, and how long the oldest unsettled payment has waited', async () => {
    await payment('PENDING', 'PENDING', minutesAgo(3));
    await payment('PENDING', 'PENDING', minutesAgo(1));
    await payment('SUCCEEDED', 'PENDING', minutesAgo(10));
    await payment('SUCCEEDED', 'FAILED', minutesAgo(20));
    await payment('SUCCEEDED', 'DONE', minutesAgo(30));

    expect(await scrape('payments_awaiting_settlement')).toBe(2);
    expect(await scrape('payments_awaiting_settlement_oldest_age_seconds')).toBe(180);
    expect(await scrape('payments_awaiting_fulfilment')).toBe(1);
    expect(await scrape('payments_fulfilment_failed')).toBe(1);
  });

  it('show unknown values while the store cannot answer', async () => {
    await store.close();

    expect(await scrape('payments_awaiting_settlement')).toBeNaN();
    expect(await scrape('payments_awaiting_settlement_oldest_age_seconds')).toBeNaN();
  });
});
