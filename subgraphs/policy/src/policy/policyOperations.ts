import { DomainError, fromApiMoney, type Principal } from '@cabinet/kernel';
import { declineError, type PaymentPurpose } from '../payments/domain/index.ts';
import type { PaymentMethods } from '../payments/paymentMethods.ts';
import type { PaymentClock, PaymentProcessor } from '../payments/paymentProcessor.ts';
import type { PaymentRecord } from '../payments/paymentRepository.ts';
import type { QuoteRepository, StoredQuote } from '../quotes/quoteRepository.ts';
import {
  assertInstalmentPayable,
  assertQuoteMatches,
  assertQuoteOpen,
  instalmentOf,
  quoteCoverageChange,
  quoteRenewal,
  type CoverageChangeRequest,
  type CoverageCode,
} from './domain/index.ts';
import { assertMaySeePolicy } from './policyAccess.ts';
import type { PolicyRecord } from './policyRecord.ts';
import type { PolicyRepository } from './policyRepository.ts';
import { applyUnpaidCoverageChange } from './paymentEffects.ts';

type Customer = Extract<Principal, { kind: 'customer' }>;

export interface CoverageChangeInput {
  readonly code: CoverageCode;
  readonly sumInsured: { readonly amount: string; readonly currency: string };
  readonly deductible?: { readonly amount: string; readonly currency: string } | null | undefined;
}

/** What a money-moving operation returns: the payment (null when none was needed) and the policy now. */
export interface PaidOperation {
  readonly payment: PaymentRecord | null;
  readonly policy: PolicyRecord;
}

const quoteNotFound = () =>
  new DomainError('QUOTE_NOT_FOUND', 'Расчёт не найден. Рассчитайте стоимость заново.', { field: 'quoteId' });

/**
 * Renewal, coverage changes and instalment payments for the policy holder. Every operation checks
 * that the policy is the caller's own first (someone else's is POLICY_NOT_FOUND), then moves money
 * through the payment processor, which applies the effect once the payment has succeeded.
 */
export class PolicyOperations {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly quotes: QuoteRepository,
    private readonly methods: PaymentMethods,
    private readonly processor: PaymentProcessor,
    private readonly clock: PaymentClock,
  ) {}

  async visiblePolicy(principal: Principal, policyId: string): Promise<PolicyRecord> {
    return assertMaySeePolicy(principal, await this.policies.get(policyId));
  }

  async quoteRenewal(customer: Customer, policyId: string, termMonths: number): Promise<StoredQuote> {
    const policy = await this.visiblePolicy(customer, policyId);
    const quote: StoredQuote = {
      ...quoteRenewal(policy, termMonths, this.clock),
      customerId: customer.customerId,
    };
    await this.quotes.insert(quote);
    return quote;
  }

  async quoteCoverageChange(
    customer: Customer,
    policyId: string,
    changes: readonly CoverageChangeInput[],
  ): Promise<StoredQuote> {
    const policy = await this.visiblePolicy(customer, policyId);
    const requests: CoverageChangeRequest[] = changes.map((change) => ({
      code: change.code,
      sumInsured: fromApiMoney(change.sumInsured),
      ...(change.deductible ? { deductible: fromApiMoney(change.deductible) } : {}),
    }));
    const quote: StoredQuote = {
      ...quoteCoverageChange(policy, requests, this.clock),
      customerId: customer.customerId,
    };
    await this.quotes.insert(quote);
    return quote;
  }

  async renewPolicy(
    customer: Customer,
    quoteId: string,
    paymentMethodId: string,
    idempotencyKey: string,
  ): Promise<PaidOperation> {
    const quote = await this.ownQuote(customer, quoteId, 'RENEWAL');
    const payment = await this.pay(
      customer,
      { kind: 'RENEWAL', policyId: quote.policyId, quoteId: quote.id },
      quote.amountDueNow,
      paymentMethodId,
      idempotencyKey,
      async () => {
        assertQuoteOpen(quote, this.clock.now());
        assertQuoteMatches(quote, await this.visiblePolicy(customer, quote.policyId));
      },
    );
    return { payment, policy: await this.visiblePolicy(customer, quote.policyId) };
  }

  async confirmCoverageChange(
    customer: Customer,
    quoteId: string,
    paymentMethodId: string | undefined,
    idempotencyKey: string,
  ): Promise<PaidOperation> {
    const quote = await this.ownQuote(customer, quoteId, 'COVERAGE_CHANGE');
    const check = async () => {
      assertQuoteOpen(quote, this.clock.now());
      assertQuoteMatches(quote, await this.visiblePolicy(customer, quote.policyId));
    };
    if (quote.amountDueNow.minorUnits === 0) {
      await check();
      return { payment: null, policy: await applyUnpaidCoverageChange(this.policies, quote, this.clock) };
    }
    if (paymentMethodId === undefined) {
      throw new DomainError(
        'PAYMENT_METHOD_REQUIRED',
        'Выберите карту: на неё будет списана доплата или зачислен возврат.',
        { field: 'paymentMethodId' },
      );
    }
    const payment = await this.pay(
      customer,
      { kind: 'COVERAGE_CHANGE', policyId: quote.policyId, quoteId: quote.id },
      quote.amountDueNow,
      paymentMethodId,
      idempotencyKey,
      check,
    );
    return { payment, policy: await this.visiblePolicy(customer, quote.policyId) };
  }

  async payInstalment(
    customer: Customer,
    policyId: string,
    instalmentId: string,
    paymentMethodId: string,
    idempotencyKey: string,
  ): Promise<PaidOperation> {
    const policy = await this.visiblePolicy(customer, policyId);
    const amount = instalmentOf(policy, instalmentId).amount;
    const payment = await this.pay(
      customer,
      { kind: 'INSTALMENT', policyId, instalmentId },
      amount,
      paymentMethodId,
      idempotencyKey,
      async () => {
        assertInstalmentPayable(await this.visiblePolicy(customer, policyId), instalmentId);
      },
    );
    return { payment, policy: await this.visiblePolicy(customer, policyId) };
  }

  private async ownQuote<K extends StoredQuote['kind']>(
    customer: Customer,
    quoteId: string,
    kind: K,
  ): Promise<Extract<StoredQuote, { kind: K }>> {
    const quote = await this.quotes.get(quoteId);
    if (!quote || quote.kind !== kind || quote.customerId !== customer.customerId) throw quoteNotFound();
    await this.visiblePolicy(customer, quote.policyId);
    return quote as Extract<StoredQuote, { kind: K }>;
  }

  /** A declined payment or one whose effect could not be applied answers with the reason. */
  private async pay(
    customer: Customer,
    purpose: PaymentPurpose,
    amount: PaymentRecord['amount'],
    paymentMethodId: string,
    idempotencyKey: string,
    beforeCharge: () => Promise<void>,
  ): Promise<PaymentRecord> {
    const method = await this.methods.usable(customer.customerId, paymentMethodId);
    const payment = await this.processor.pay(
      { customerId: customer.customerId, idempotencyKey, purpose, paymentMethodId, amount },
      method.providerToken,
      beforeCharge,
    );
    if (payment.status === 'DECLINED' && payment.declineReason) {
      throw declineError(payment.declineReason, payment.id);
    }
    if (payment.fulfilmentError) {
      const { code, message } = payment.fulfilmentError;
      const refunded = payment.fulfilment === 'REFUNDED' ? ' Списанные деньги возвращены на карту.' : '';
      throw new DomainError(code, `${message}${refunded}`, { paymentId: payment.id });
    }
    return payment;
  }
}
