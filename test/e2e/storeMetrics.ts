import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimsCast } from '../support/demoCast.ts';
import { submitClaim } from '../support/claimSubmission.ts';
import { eventually } from '../support/eventually.ts';
import { metricsOf, sample } from '@cabinet/platform/testing';
import type { TestSystem } from '../support/testSystem.ts';

const { own } = claimsCast();
const CLAIM_PROJECTIONS = [
  'claim-cards',
  'claim-queue',
  'claim-summaries',
  'consent-revocations',
  'notification-outbox',
];

/**
 * Runs first on the system oneSystem.access.e2e.test.ts shares: it expects nothing pending in claims'
 * outbox or policy's payment reconciliation.
 */
export function storeMetricsSuite(systemOf: () => TestSystem): void {
  describe('event store, projection, outbox and payment reconciliation metrics', () => {
    storeAndOutboxMetrics(systemOf);
  });
}

function storeAndOutboxMetrics(systemOf: () => TestSystem): void {
  let system: TestSystem;
  let customerToken: string;
  const claims = () => metricsOf(system.services.claims.url);
  const valueIn = (text: string, name: string, labels: Record<string, string> = {}) =>
    sample(text, name, { service: 'claims', ...labels }) ?? 0;

  beforeAll(async () => {
    system = systemOf();
    customerToken = await system.token({
      kind: 'customer',
      customerId: own.customer.id,
      sessionId: randomUUID(),
      trusted: true,
    });
  });

  it('counts the appends, catches every projection up, and empties the outbox as the notice is sent', async () => {
    // Given the claims service's series before the claim
    const before = await claims();
    const count = (name: string, labels: Record<string, string> = {}) => valueIn(before, name, labels);
    const appendsBefore = count('eventstore_appends_total', { outcome: 'ok' });
    const eventsBefore = count('eventstore_appended_events_total');
    const hubBefore = count('eventstore_subscription_delivery_lag_seconds_count', {
      subscriber: 'claim-status-hub',
    });
    const enqueuedBefore = count('notification_outbox_enqueued_total');
    const sentBefore = count('notification_attempts_total', { outcome: 'sent' });

    // When the customer submits a claim through the gateway
    const submitted = await submitClaim(system.gatewayUrl, customerToken, own.policy.id);
    expect(submitted.errors).toBeUndefined();

    // Then the append is counted with the events it wrote
    const after = await claims();
    expect(valueIn(after, 'eventstore_appends_total', { outcome: 'ok' })).toBeGreaterThan(appendsBefore);
    expect(valueIn(after, 'eventstore_appended_events_total')).toBeGreaterThan(eventsBefore);
    expect(valueIn(after, 'eventstore_append_duration_seconds_count')).toBeGreaterThan(0);

    // And every projection applies it and is no longer behind the log
    await eventually(
      async () => {
        const text = await claims();
        return CLAIM_PROJECTIONS.every(
          (projection) =>
            sample(text, 'projection_lag_events', { service: 'claims', projection }) === 0 &&
            sample(text, 'projection_lag_seconds', { service: 'claims', projection }) === 0,
        );
      },
      { what: 'every claims projection caught up' },
    );
    const caughtUp = await claims();
    expect(
      valueIn(caughtUp, 'projection_events_applied_total', { projection: 'claim-summaries' }),
    ).toBeGreaterThan(0);

    // And the status hub had the status change delivered to it live
    await eventually(
      async () =>
        valueIn(await claims(), 'eventstore_subscription_delivery_lag_seconds_count', {
          subscriber: 'claim-status-hub',
        }) > hubBefore,
      { what: 'the status hub delivery observed' },
    );

    // And the notice of the new status goes through the outbox and out, leaving nothing waiting
    await eventually(
      async () => {
        const text = await claims();
        return (
          valueIn(text, 'notification_outbox_enqueued_total') > enqueuedBefore &&
          valueIn(text, 'notification_attempts_total', { outcome: 'sent' }) > sentBefore &&
          sample(text, 'notification_outbox_pending', { service: 'claims' }) === 0
        );
      },
      { what: 'the notification sent and the outbox empty' },
    );
    const sent = await claims();
    expect(sample(sent, 'notification_outbox_oldest_pending_age_seconds', { service: 'claims' })).toBe(0);
    expect(sample(sent, 'notification_outbox_failed', { service: 'claims' })).toBe(0);
    expect(valueIn(sent, 'notification_attempts_total', { outcome: 'gave_up' })).toBe(0);
  });

  it('identity and policy count the appends of their own event stores', async () => {
    for (const service of ['identity', 'policy'] as const) {
      const text = await metricsOf(system.services[service].url);
      for (const outcome of ['ok', 'conflict', 'error']) {
        expect(sample(text, 'eventstore_appends_total', { service, outcome }), service).toBeDefined();
      }
    }
  });

  it('policy shows what payment reconciliation still has to do', async () => {
    const text = await metricsOf(system.services.policy.url);
    for (const name of [
      'payments_awaiting_settlement',
      'payments_awaiting_settlement_oldest_age_seconds',
      'payments_awaiting_fulfilment',
      'payments_fulfilment_failed',
    ]) {
      expect(sample(text, name, { service: 'policy' }), name).toBe(0);
    }
  });
}
