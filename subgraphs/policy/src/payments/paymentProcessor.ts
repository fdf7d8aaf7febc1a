import { isDomainError, negate } from '@cabinet/kernel';
import { VersionConflict } from '@cabinet/platform/documents';
import type { Logger } from '@cabinet/platform/logging';
import {
  decideIdempotency,
  reconcilePayment,
  recordProviderAnswer,
  RECONCILE_AFTER_MS,
  startPayment,
  type PaymentRequest,
  type ProviderAnswer,
  type ProviderLookup,
} from './domain/index.ts';
import type { PaymentProvider, ProviderOperation } from './paymentProvider.ts';
import type { PaymentRecord, PaymentRepository, VersionedPayment } from './paymentRepository.ts';

/** What a successful payment pays for, applied to the policy. */
export interface PaymentEffects {
  /**
   * Applies the payment's effect; must be idempotent per payment id (a crash between settling and
   * applying is repaired by running it again). Throws a DomainError when it can no longer apply.
   */
  fulfil(payment: PaymentRecord): Promise<void>;
}

/** Told of every outcome a payment reaches: the activity log. */
export interface PaymentObserver {
  /** `actor`: `customer:<id>` who paid, or `system:payment-reconciliation`. */
  recorded(payment: PaymentRecord, actor: string): Promise<void>;
}

/** The job that settles payments after a provider timeout, as the activity log names it. */
export const RECONCILIATION_ACTOR = 'system:payment-reconciliation';

export interface PaymentClock {
  readonly now: () => Date;
  readonly newId: () => string;
}

/** How many payments one reconciliation pass looks at; the next pass takes the rest. */
const RECONCILE_BATCH = 100;

export interface ReconciliationReport {
  readonly settled: number;
  readonly fulfilled: number;
}

/**
 * Moves money exactly once per idempotency key. The PENDING record is inserted under the unique
 * (customerId, idempotencyKey) index before the provider is called, so of two racing requests one
 * charges and the other gets the winner's payment back. A provider timeout leaves the payment
 * PENDING; `reconcile` settles it later from the provider's own records.
 */
export class PaymentProcessor {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly provider: PaymentProvider,
    private readonly effects: PaymentEffects,
    private readonly clock: PaymentClock,
    private readonly log: Logger,
    private readonly observer: PaymentObserver,
  ) {}

  /**
   * Charges (amount > 0) or refunds (amount < 0) once. `beforeCharge` runs only when the key is new:
   * a retry of a settled payment returns it even if the policy has moved on since.
   */
  async pay(
    request: PaymentRequest,
    cardToken: string,
    beforeCharge: () => Promise<void> | void,
  ): Promise<PaymentRecord> {
    const existing = await this.payments.byKey(request.customerId, request.idempotencyKey);
    if (decideIdempotency(existing?.record, request).kind === 'REPLAY' && existing) {
      return this.resume(existing);
    }
    await beforeCharge();
    const started: PaymentRecord = {
      ...startPayment(request, this.clock),
      cardToken,
      fulfilment: 'PENDING',
    };
    if (!(await this.payments.insertIfKeyFree(started))) {
      const winner = await this.payments.byKey(request.customerId, request.idempotencyKey);
      if (!winner) throw new Error(`payment key ${request.idempotencyKey} is taken but not found`);
      decideIdempotency(winner.record, request);
      return this.resume(winner);
    }
    const answer = await this.charge(operationOf(started));
    this.log.info({ paymentId: started.id, answer: answer.kind }, 'payment provider answered');
    const answered = { ...started, ...recordProviderAnswer(started, answer, this.clock.now()) };
    return this.settleAndReport({ record: started, version: 1 }, answered, `customer:${request.customerId}`);
  }

  /** Settles PENDING payments old enough to ask about, and applies settled ones whose effect is missing. */
  async reconcile(): Promise<ReconciliationReport> {
    const now = this.clock.now();
    const createdUntil = new Date(now.getTime() - RECONCILE_AFTER_MS).toISOString();
    let settled = 0;
    for (const pending of await this.payments.withStatus('PENDING', createdUntil, RECONCILE_BATCH)) {
      const lookup = await this.lookup(operationOf(pending.record));
      const reconciled = reconcilePayment(pending.record, lookup, now);
      if (reconciled === pending.record) continue;
      const next: PaymentRecord = { ...pending.record, ...reconciled };
      settled += 1;
      this.log.info({ paymentId: next.id, status: next.status }, 'payment reconciled');
      await this.settleAndReport(pending, next, RECONCILIATION_ACTOR).catch((error: unknown) =>
        this.logFulfilmentError(next, error),
      );
    }
    let fulfilled = 0;
    for (const waiting of await this.payments.unfulfilled(RECONCILE_BATCH)) {
      if (waiting.record.status !== 'SUCCEEDED') continue;
      fulfilled += 1;
      await this.complete(waiting).catch((error: unknown) => this.logFulfilmentError(waiting.record, error));
    }
    return { settled, fulfilled };
  }

  /** Settles and tells the observer where the payment ended up, also when its effect failed. */
  private async settleAndReport(
    stored: VersionedPayment,
    next: PaymentRecord,
    actor: string,
  ): Promise<PaymentRecord> {
    try {
      const outcome = await this.settle(stored, next);
      await this.observer.recorded(outcome, actor);
      return outcome;
    } catch (error) {
      const failed = await this.payments.get(next.id);
      if (failed) await this.observer.recorded(failed.record, actor);
      throw error;
    }
  }

  private async resume(stored: VersionedPayment): Promise<PaymentRecord> {
    if (stored.record.status === 'SUCCEEDED' && stored.record.fulfilment === 'PENDING') {
      return this.complete(stored);
    }
    return stored.record;
  }

  private async settle(stored: VersionedPayment, next: PaymentRecord): Promise<PaymentRecord> {
    if (next.status === 'PENDING') return next;
    const record: PaymentRecord = next.status === 'DECLINED' ? { ...next, fulfilment: 'NOT_NEEDED' } : next;
    const saved = await this.save(stored, record);
    if (!saved) return (await this.payments.get(record.id))?.record ?? record;
    return record.status === 'SUCCEEDED' ? this.complete(saved) : record;
  }

  /** Applies a succeeded payment's effect; gives a charge back when the effect cannot be applied. */
  private async complete(stored: VersionedPayment): Promise<PaymentRecord> {
    const payment = stored.record;
    try {
      await this.effects.fulfil(payment);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const fulfilmentError = { code: error.code, message: error.message };
      if (payment.amount.minorUnits < 0) {
        await this.save(stored, { ...payment, fulfilment: 'FAILED', fulfilmentError });
        this.log.error({ paymentId: payment.id, code: error.code }, 'refund made but its change failed');
        throw error;
      }
      const refund = await this.charge({ ...operationOf(payment), amount: negate(payment.amount) });
      this.log.warn({ paymentId: payment.id, code: error.code, refund: refund.kind }, 'charge given back');
      await this.save(stored, { ...payment, fulfilment: 'REFUNDED', fulfilmentError });
      throw error;
    }
    const done: PaymentRecord = { ...payment, fulfilment: 'DONE' };
    await this.save(stored, done);
    return done;
  }

  /** Null when another process wrote the payment first: it is then that one's to finish. */
  private async save(stored: VersionedPayment, record: PaymentRecord): Promise<VersionedPayment | null> {
    try {
      return { record, version: await this.payments.replace(record, stored.version) };
    } catch (error) {
      if (error instanceof VersionConflict) return null;
      throw error;
    }
  }

  private async charge(operation: ProviderOperation): Promise<ProviderAnswer> {
    try {
      return await this.provider.charge(operation);
    } catch (error) {
      this.log.warn({ paymentId: operation.paymentId, err: error }, 'payment provider did not answer');
      return { kind: 'NO_ANSWER' };
    }
  }

  private async lookup(operation: ProviderOperation): Promise<ProviderLookup> {
    try {
      return await this.provider.lookup(operation);
    } catch (error) {
      this.log.warn({ paymentId: operation.paymentId, err: error }, 'payment provider lookup failed');
      return { kind: 'IN_PROGRESS' };
    }
  }

  private logFulfilmentError(payment: PaymentRecord, error: unknown): void {
    this.log.warn({ paymentId: payment.id, err: error }, 'payment effect not applied');
  }
}

function operationOf(payment: PaymentRecord): ProviderOperation {
  return { paymentId: payment.id, cardToken: payment.cardToken, amount: payment.amount };
}
