import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError, rubles } from '@cabinet/kernel';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { createLogger } from '@cabinet/platform/logging';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDevCardProvider } from './devCardProvider.ts';
import {
  devCardToken,
  RECONCILE_AFTER_MS,
  type DevCardBehaviour,
  type PaymentRequest,
} from './domain/index.ts';
import type { PaymentProvider, ProviderOperation } from './paymentProvider.ts';
import { PaymentProcessor, RECONCILIATION_ACTOR, type PaymentEffects } from './paymentProcessor.ts';
import { PaymentRepository, type PaymentRecord } from './paymentRepository.ts';

const log = createLogger('policy-test', 'silent');

/** The dev provider, counting what reached it. */
function countingProvider(): PaymentProvider & { charges: ProviderOperation[] } {
  let next = 0;
  const provider = createDevCardProvider(() => `token-${(next += 1)}`);
  const charges: ProviderOperation[] = [];
  return {
    charges,
    tokenizeCard: (digits) => provider.tokenizeCard(digits),
    charge: async (operation) => {
      charges.push(operation);
      return provider.charge(operation);
    },
    lookup: (operation) => provider.lookup(operation),
  };
}

function request(overrides: Partial<PaymentRequest> = {}): PaymentRequest {
  return {
    customerId: 'customer-1',
    idempotencyKey: 'key-0000001',
    purpose: { kind: 'INSTALMENT', policyId: 'policy-1', instalmentId: 'instalment-1' },
    paymentMethodId: 'card-1',
    amount: rubles(2_100),
    ...overrides,
  };
}

const card = (behaviour: DevCardBehaviour) => devCardToken(behaviour, 'card');

describe('PaymentProcessor', () => {
  let dir: string;
  let store: DocumentStore;
  let payments: PaymentRepository;
  let provider: ReturnType<typeof countingProvider>;
  let fulfilled: string[];
  let failWith: DomainError | undefined;
  let now: Date;
  let processor: PaymentProcessor;
  let reported: { action: string; actor: string }[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'payments-'));
    store = await openDocumentStore({ sqliteFile: join(dir, 'documents.sqlite') });
    payments = await PaymentRepository.open(store);
    provider = countingProvider();
    fulfilled = [];
    reported = [];
    failWith = undefined;
    now = new Date('2026-03-01T10:00:00Z');
    let ids = 0;
    const effects: PaymentEffects = {
      fulfil: async (payment: PaymentRecord) => {
        await Promise.resolve();
        if (failWith) throw failWith;
        fulfilled.push(payment.id);
      },
    };
    processor = new PaymentProcessor(
      payments,
      provider,
      effects,
      { now: () => now, newId: () => `payment-${(ids += 1)}` },
      log,
      {
        recorded: (payment, actor) => {
          reported.push({ action: `${payment.status}/${payment.fulfilment}`, actor });
          return Promise.resolve();
        },
      },
    );
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('charges an approved card once and applies what it paid for', async () => {
    const payment = await processor.pay(request(), card('APPROVE'), () => undefined);
    expect(payment).toMatchObject({
      status: 'SUCCEEDED',
      fulfilment: 'DONE',
      providerReference: 'dev-payment-1',
    });
    expect(provider.charges).toHaveLength(1);
    expect(fulfilled).toEqual([payment.id]);
    expect(reported).toEqual([{ action: 'SUCCEEDED/DONE', actor: 'customer:customer-1' }]);
  });

  it('answers a retry with the same key with the same payment and charges nothing more', async () => {
    const first = await processor.pay(request(), card('APPROVE'), () => undefined);
    let checked = false;
    const again = await processor.pay(request(), card('APPROVE'), () => {
      checked = true;
    });
    expect(again.id).toBe(first.id);
    expect(checked).toBe(false);
    expect(provider.charges).toHaveLength(1);
  });

  it('lets exactly one of ten racing requests with one key reach the provider', async () => {
    const racing = await Promise.all(
      Array.from({ length: 10 }, () => processor.pay(request(), card('APPROVE'), () => Promise.resolve())),
    );
    expect(new Set(racing.map((p) => p.id)).size).toBe(1);
    expect(provider.charges).toHaveLength(1);
    expect(fulfilled).toHaveLength(1);
  });

  it('refuses a key reused for another instalment', async () => {
    await processor.pay(request(), card('APPROVE'), () => undefined);
    const other = request({
      purpose: { kind: 'INSTALMENT', policyId: 'policy-1', instalmentId: 'instalment-2' },
    });
    await expect(processor.pay(other, card('APPROVE'), () => undefined)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('neither records nor charges a payment whose precondition fails', async () => {
    const refusal = new DomainError('INSTALMENT_ALREADY_PAID', 'Этот взнос уже оплачен.');
    await expect(
      processor.pay(request(), card('APPROVE'), () => {
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(provider.charges).toHaveLength(0);
    expect(await payments.byKey('customer-1', 'key-0000001')).toBeNull();
  });

  it.each([
    { behaviour: 'INSUFFICIENT_FUNDS', reason: 'INSUFFICIENT_FUNDS' },
    { behaviour: 'DECLINE_BY_BANK', reason: 'DECLINED_BY_BANK' },
  ] as const)('records a decline ($reason) and applies nothing', async ({ behaviour, reason }) => {
    const payment = await processor.pay(request(), card(behaviour), () => undefined);
    expect(payment).toMatchObject({ status: 'DECLINED', declineReason: reason, fulfilment: 'NOT_NEEDED' });
    expect(fulfilled).toEqual([]);
    expect(reported).toEqual([{ action: 'DECLINED/NOT_NEEDED', actor: 'customer:customer-1' }]);
  });

  it('leaves a timed-out payment PENDING until reconciliation finds it was approved', async () => {
    const payment = await processor.pay(request(), card('TIMEOUT_THEN_APPROVED'), () => undefined);
    expect(payment).toMatchObject({ status: 'PENDING', fulfilment: 'PENDING' });

    expect(await processor.reconcile()).toEqual({ settled: 0, fulfilled: 0 });
    now = new Date(now.getTime() + RECONCILE_AFTER_MS);
    expect(await processor.reconcile()).toEqual({ settled: 1, fulfilled: 0 });

    expect((await payments.get(payment.id))?.record).toMatchObject({
      status: 'SUCCEEDED',
      fulfilment: 'DONE',
    });
    expect(fulfilled).toEqual([payment.id]);
    expect(reported).toEqual([
      { action: 'PENDING/PENDING', actor: 'customer:customer-1' },
      { action: 'SUCCEEDED/DONE', actor: RECONCILIATION_ACTOR },
    ]);
    const retried = await processor.pay(request(), card('TIMEOUT_THEN_APPROVED'), () => undefined);
    expect(retried.status).toBe('SUCCEEDED');
    expect(provider.charges).toHaveLength(1);
  });

  it('declines a timed-out payment the provider never received, so the customer may pay again', async () => {
    const payment = await processor.pay(request(), card('TIMEOUT_NOT_RECEIVED'), () => undefined);
    now = new Date(now.getTime() + RECONCILE_AFTER_MS);
    await processor.reconcile();
    expect((await payments.get(payment.id))?.record).toMatchObject({
      status: 'DECLINED',
      declineReason: 'PROVIDER_UNAVAILABLE',
      fulfilment: 'NOT_NEEDED',
    });
    expect(fulfilled).toEqual([]);
  });

  it('gives a charge back when what it paid for can no longer be applied', async () => {
    failWith = new DomainError('POLICY_ALREADY_RENEWED', 'Полис уже продлён.');
    await expect(processor.pay(request(), card('APPROVE'), () => undefined)).rejects.toBe(failWith);
    expect(provider.charges.map((c) => c.amount.minorUnits)).toEqual([210_000, -210_000]);
    const stored = await payments.byKey('customer-1', 'key-0000001');
    expect(stored?.record).toMatchObject({
      status: 'SUCCEEDED',
      fulfilment: 'REFUNDED',
      fulfilmentError: { code: 'POLICY_ALREADY_RENEWED' },
    });
    expect(reported).toEqual([{ action: 'SUCCEEDED/REFUNDED', actor: 'customer:customer-1' }]);
  });

  it('applies a settled payment whose effect was missed, on the next reconciliation', async () => {
    const stored = await payments.insertIfKeyFree({
      ...request(),
      id: 'payment-orphan',
      requestFingerprint: 'f',
      status: 'SUCCEEDED',
      createdAt: now.toISOString(),
      settledAt: now.toISOString(),
      cardToken: card('APPROVE'),
      fulfilment: 'PENDING',
    });
    expect(stored).toBe(true);
    expect(await processor.reconcile()).toEqual({ settled: 0, fulfilled: 1 });
    expect(fulfilled).toEqual(['payment-orphan']);
  });
});
