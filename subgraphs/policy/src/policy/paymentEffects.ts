import { DomainError } from '@cabinet/kernel';
import { VersionConflict } from '@cabinet/platform/documents';
import type { PaymentEffects, PaymentClock } from '../payments/paymentProcessor.ts';
import type { PaymentRecord } from '../payments/paymentRepository.ts';
import type { QuoteRepository, StoredQuote } from '../quotes/quoteRepository.ts';
import {
  applyCoverageChange,
  applyRenewal,
  prolongedPolicyNumber,
  recordInstalmentPaid,
  type CoverageChangeQuote,
  type RenewalQuote,
} from './domain/index.ts';
import type { PolicyNumbers } from './policyNumbers.ts';
import type { PolicyRecord } from './policyRecord.ts';
import type { PolicyRepository } from './policyRepository.ts';

export interface PolicyPaymentDependencies {
  readonly policies: PolicyRepository;
  readonly quotes: QuoteRepository;
  readonly numbers: PolicyNumbers;
  readonly clock: PaymentClock;
}

function quoteOf<K extends StoredQuote['kind']>(
  quote: StoredQuote | null,
  kind: K,
): Extract<StoredQuote, { kind: K }> {
  if (!quote || quote.kind !== kind) throw new RangeError(`a ${kind} payment refers to a missing quote`);
  return quote as Extract<StoredQuote, { kind: K }>;
}

/**
 * What a succeeded payment does to the policy. Each effect recognises its own payment id on the
 * policy, so applying it twice (a retry, a reconciliation pass after a crash) changes nothing.
 */
export function policyPaymentEffects(deps: PolicyPaymentDependencies): PaymentEffects {
  const { policies, quotes, clock } = deps;
  return {
    async fulfil(payment: PaymentRecord): Promise<void> {
      const purpose = payment.purpose;
      switch (purpose.kind) {
        case 'INSTALMENT':
          await policies.update(purpose.policyId, (record) => {
            const next = recordInstalmentPaid(record, purpose.instalmentId, payment.id, clock.now());
            return next === record ? null : { ...record, ...next };
          });
          return;
        case 'COVERAGE_CHANGE': {
          const quote = quoteOf(await quotes.get(purpose.quoteId), 'COVERAGE_CHANGE');
          await policies.update(purpose.policyId, (record) =>
            record.instalments.some((line) => line.paymentId === payment.id)
              ? null
              : { ...record, ...applyCoverageChange(record, quote, { paymentId: payment.id }, clock) },
          );
          return;
        }
        case 'RENEWAL':
          await renew(deps, payment, quoteOf(await quotes.get(purpose.quoteId), 'RENEWAL'));
          return;
        default: {
          const _exhaustive: never = purpose;
          return _exhaustive;
        }
      }
    },
  };
}

/** For the coverage change confirmed without any money moving. */
export function applyUnpaidCoverageChange(
  policies: PolicyRepository,
  quote: CoverageChangeQuote,
  clock: PaymentClock,
): Promise<PolicyRecord> {
  return policies.update(quote.policyId, (record) => ({
    ...record,
    ...applyCoverageChange(record, quote, {}, clock),
  }));
}

/**
 * The successor term is written first and the renewed term last, with the version it was read at:
 * if someone else changed the policy in between, the successor is removed again and the whole step
 * retried from a fresh read.
 */
async function renew(
  deps: PolicyPaymentDependencies,
  payment: PaymentRecord,
  quote: RenewalQuote,
): Promise<void> {
  const { policies, numbers, clock } = deps;
  for (;;) {
    const stored = await policies.getVersioned(quote.policyId);
    if (!stored) throw new RangeError(`policy ${quote.policyId} does not exist`);
    const policy = stored.record;
    if (policy.renewedBy !== undefined) {
      const successor = await policies.get(policy.renewedBy);
      if (successor?.instalments[0]?.paymentId === payment.id) return;
      throw new DomainError('POLICY_ALREADY_RENEWED', 'Полис уже продлён.', { renewedBy: policy.renewedBy });
    }
    const successorNumber =
      policy.product === 'OSAGO' ? await numbers.newOsagoNumber() : prolongedPolicyNumber(policy.number);
    const outcome = applyRenewal(policy, quote, { paymentId: payment.id, successorNumber }, clock);
    const carried = { soldByPartnerId: policy.soldByPartnerId, holderName: policy.holderName };
    await policies.insert({ ...outcome.successor, ...carried });
    try {
      await policies.replace({ ...policy, ...outcome.renewed }, stored.version);
      return;
    } catch (error) {
      await policies.delete(outcome.successor.id);
      if (!(error instanceof VersionConflict)) throw error;
    }
  }
}
