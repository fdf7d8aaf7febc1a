import { storeGauge, type MetricGroup } from '@cabinet/platform/metrics';
import type { PaymentRepository } from './paymentRepository.ts';

/**
 * The payments reconciliation works through, read from the store at scrape time: charges whose
 * outcome the provider has not told yet, settled charges whose effect is not on the policy yet, and
 * give-backs that failed and wait for staff.
 */
export function createPaymentMetrics(payments: PaymentRepository, now: () => Date): MetricGroup {
  return {
    series: [
      storeGauge({
        name: 'payments_awaiting_settlement',
        help: 'Payments whose outcome the provider has not told yet (a timeout); reconciliation asks it later',
        read: () => payments.countWhere({ status: 'PENDING' }),
      }),
      storeGauge({
        name: 'payments_awaiting_settlement_oldest_age_seconds',
        help: 'How long the oldest payment awaiting settlement has waited; 0 when none waits',
        read: async () => {
          const oldest = await payments.oldestWithStatus('PENDING');
          return oldest === null ? 0 : Math.max(0, now().getTime() - Date.parse(oldest.createdAt)) / 1_000;
        },
      }),
      storeGauge({
        name: 'payments_awaiting_fulfilment',
        help: 'Succeeded payments whose effect (a paid instalment, a renewal, a change) is not on the policy yet',
        read: () => payments.countWhere({ status: 'SUCCEEDED', fulfilment: 'PENDING' }),
      }),
      storeGauge({
        name: 'payments_fulfilment_failed',
        help: 'Payments whose effect could not be applied nor the charge given back: left to staff',
        read: () => payments.countWhere({ fulfilment: 'FAILED' }),
      }),
    ],
  };
}
