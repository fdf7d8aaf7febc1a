import { formatDecimal } from '@cabinet/kernel';
import { causedByCommand } from '@cabinet/platform/eventstore';
import type { ActivityRecorder } from '@cabinet/platform/activity';
import type { Logger } from '@cabinet/platform/logging';
import { declineError } from '../domain/index.ts';
import type { PaymentObserver } from './paymentProcessor.ts';
import type { PaymentRecord } from '../storage/paymentRepository.ts';

function actionOf(payment: PaymentRecord): { action: string; failed: boolean; errorCode: string | null } {
  if (payment.fulfilment === 'REFUNDED' || payment.fulfilment === 'FAILED') {
    return { action: 'PAYMENT_REFUNDED', failed: true, errorCode: payment.fulfilmentError?.code ?? null };
  }
  switch (payment.status) {
    case 'PENDING':
      return { action: 'PAYMENT_PENDING', failed: false, errorCode: null };
    case 'SUCCEEDED':
      return { action: 'PAYMENT_SUCCEEDED', failed: false, errorCode: null };
    case 'DECLINED':
      return {
        action: 'PAYMENT_DECLINED',
        failed: true,
        errorCode: payment.declineReason ? declineError(payment.declineReason, payment.id).code : null,
      };
    default: {
      const _exhaustive: never = payment.status;
      return _exhaustive;
    }
  }
}

/**
 * Writes every payment outcome into the customer's activity log (served by identity as
 * `myActivity`). The log is a record, not part of the payment: a failure to write it is logged and
 * the payment stands.
 */
export function paymentActivity(recorder: ActivityRecorder, log: Logger): PaymentObserver {
  return {
    async recorded(payment, actor) {
      const { action, failed, errorCode } = actionOf(payment);
      try {
        await recorder.record(
          payment.customerId,
          {
            action,
            outcome: failed ? 'FAILURE' : 'SUCCESS',
            actor,
            errorCode,
            details: {
              paymentId: payment.id,
              purpose: payment.purpose.kind,
              policyId: payment.purpose.policyId,
              amount: formatDecimal(payment.amount),
              currency: payment.amount.currency,
            },
          },
          // The payment record is the command (retried under its idempotency key) and its own request.
          causedByCommand(payment.id, payment.id),
        );
      } catch (error) {
        log.error({ err: error, paymentId: payment.id }, 'payment activity not recorded');
      }
    },
  };
}
