import { UuidScalar } from '@cabinet/platform/scalars';
import { requireCustomer, requireTrustedCustomer, type RequestContext } from '@cabinet/platform/graphql';
import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Payment, toPayment } from '../../payments/graphql/payment.type.ts';
import { moscowDate } from '@cabinet/kernel';
import type { PaidOperation, PolicyOperations } from '../application/policyOperations.ts';
import { toCoverageChangeQuote, toPolicy, toRenewalQuote } from './policyMapping.ts';
import { Policy } from './policy.type.ts';
import { CoverageChangeInput, CoverageChangeQuote, RenewalQuote } from './quote.type.ts';

@ObjectType({ description: 'The outcome of a paid operation on a policy' })
export class PolicyPaymentResult {
  @Field(() => Payment, {
    nullable: true,
    description: 'The charge or refund; PENDING while the bank has not answered; null when no money moved',
  })
  payment!: Payment | null;

  @Field(() => Policy, { description: 'The policy as it is now' })
  policy!: Policy;

  @Field(() => Policy, {
    nullable: true,
    description: 'renewPolicy: the new term, once the payment succeeded',
  })
  renewal!: Policy | null;
}

@Resolver()
export class PolicyOperationsResolver {
  constructor(
    private readonly operations: PolicyOperations,
    private readonly now: () => Date,
  ) {}

  @Query(() => RenewalQuote, {
    description: 'Prices the next term (from 60 days before the end to 30 days after); valid 24 hours',
  })
  async quoteRenewal(
    @Arg('policyId', () => UuidScalar) policyId: string,
    @Arg('termMonths', () => Int, { defaultValue: 12 }) termMonths: number,
    @Ctx() context: RequestContext,
  ): Promise<RenewalQuote> {
    const quote = await this.operations.quoteRenewal(requireCustomer(context), policyId, termMonths);
    if (quote.kind !== 'RENEWAL') throw new RangeError('a renewal quote was expected');
    return toRenewalQuote(quote);
  }

  @Query(() => CoverageChangeQuote, {
    description: 'Prices a change of sums insured pro rata for the rest of the period; valid 24 hours',
  })
  async quoteCoverageChange(
    @Arg('policyId', () => UuidScalar) policyId: string,
    @Arg('changes', () => [CoverageChangeInput]) changes: CoverageChangeInput[],
    @Ctx() context: RequestContext,
  ): Promise<CoverageChangeQuote> {
    const quote = await this.operations.quoteCoverageChange(requireCustomer(context), policyId, changes);
    if (quote.kind !== 'COVERAGE_CHANGE') throw new RangeError('a coverage change quote was expected');
    return toCoverageChangeQuote(quote);
  }

  @Mutation(() => PolicyPaymentResult, {
    description: 'Pays the first instalment of a renewal quote and issues the next term (status RENEWED)',
  })
  async renewPolicy(
    @Arg('quoteId', () => UuidScalar) quoteId: string,
    @Arg('paymentMethodId', () => UuidScalar) paymentMethodId: string,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Ctx() context: RequestContext,
  ): Promise<PolicyPaymentResult> {
    const customer = requireTrustedCustomer(context);
    const outcome = await this.operations.renewPolicy(customer, quoteId, paymentMethodId, idempotencyKey);
    const renewal = outcome.policy.renewedBy
      ? await this.operations.visiblePolicy(customer, outcome.policy.renewedBy)
      : null;
    return { ...this.result(outcome), renewal: renewal && toPolicy(renewal, moscowDate(this.now())) };
  }

  @Mutation(() => PolicyPaymentResult, {
    description: 'Applies a coverage change quote, charging the extra premium or refunding to the card',
  })
  async confirmCoverageChange(
    @Arg('quoteId', () => UuidScalar) quoteId: string,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Arg('paymentMethodId', () => UuidScalar, { nullable: true, description: 'Needed unless nothing is due' })
    paymentMethodId: string | undefined,
    @Ctx() context: RequestContext,
  ): Promise<PolicyPaymentResult> {
    const customer = requireTrustedCustomer(context);
    return this.result(
      await this.operations.confirmCoverageChange(
        customer,
        quoteId,
        paymentMethodId ?? undefined,
        idempotencyKey,
      ),
    );
  }

  @Mutation(() => PolicyPaymentResult, { description: 'Pays one instalment of the premium schedule' })
  async payInstalment(
    @Arg('policyId', () => UuidScalar) policyId: string,
    @Arg('instalmentId', () => UuidScalar) instalmentId: string,
    @Arg('paymentMethodId', () => UuidScalar) paymentMethodId: string,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Ctx() context: RequestContext,
  ): Promise<PolicyPaymentResult> {
    const customer = requireTrustedCustomer(context);
    return this.result(
      await this.operations.payInstalment(customer, policyId, instalmentId, paymentMethodId, idempotencyKey),
    );
  }

  private result(outcome: PaidOperation): PolicyPaymentResult {
    return {
      payment: outcome.payment && toPayment(outcome.payment),
      policy: toPolicy(outcome.policy, moscowDate(this.now())),
      renewal: null,
    };
  }
}
