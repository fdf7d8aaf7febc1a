import { UuidScalar } from '@cabinet/platform/scalars';
import { isUuid, moscowDate } from '@cabinet/kernel';
import { pageSize, type RequestContext } from '@cabinet/platform/graphql';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { linkSubjectOf, type DocumentLinks } from '../../documents/application/documentLinks.ts';
import { Payment, toPayment } from '../../payments/graphql/payment.type.ts';
import type { PaymentRepository } from '../../payments/storage/paymentRepository.ts';
import type { PolicyStatus, Product } from '../domain/index.ts';
import {
  assertMaySeeCustomerPolicies,
  assertMaySeePersonalData,
  assertMaySeePolicy,
} from '../domain/policyAccess.ts';
import type { ReadAnswer, StalePolicyReads } from '../storage/stalePolicyReads.ts';
import { reportStale } from './staleResponses.ts';
import { Customer } from './customer.type.ts';
import { toPolicy } from './policyMapping.ts';
import {
  InsuredObject,
  Policy,
  PolicyHolder,
  PolicyConnection,
  PolicyDocument,
  PolicyProductEnum,
  PolicyStatusEnum,
  TariffCalculation,
} from './policy.type.ts';

/** A policy's payment history is short: its instalments, renewal and changes, and their retries. */
const PAYMENTS_SHOWN = 100;

export interface PolicyReadDependencies {
  /** Policy reads that fall back to the last answers while the document store is down. */
  readonly reads: StalePolicyReads;
  readonly payments: PaymentRepository;
  readonly links: DocumentLinks;
  readonly now: () => Date;
}

@Resolver(() => Policy)
export class PolicyResolver {
  constructor(private readonly deps: PolicyReadDependencies) {}

  @Query(() => Policy, { description: "A policy card: the holder's own, or any for staff" })
  async policy(@Arg('id', () => UuidScalar) id: string, @Ctx() context: RequestContext): Promise<Policy> {
    return this.resolveReference({ id }, context);
  }

  async resolveReference(reference: { id: string }, context: RequestContext): Promise<Policy> {
    // An id that is not a UUID names no policy: the store is not asked.
    const stored = isUuid(reference.id) ? served(await this.deps.reads.get(reference.id)) : null;
    const record = assertMaySeePolicy(context.principal, stored);
    return toPolicy(record, moscowDate(this.deps.now()));
  }

  @FieldResolver(() => PolicyHolder, {
    description: 'The holder, as written on the policy (not for partners)',
  })
  holder(@Root() policy: Policy, @Ctx() context: RequestContext): PolicyHolder {
    assertMaySeePersonalData(context.principal);
    return policy.holder;
  }

  @FieldResolver(() => InsuredObject, { description: 'What or who is insured (not for partners)' })
  insuredObject(@Root() policy: Policy, @Ctx() context: RequestContext): InsuredObject {
    assertMaySeePersonalData(context.principal);
    return policy.insuredObject;
  }

  @FieldResolver(() => TariffCalculation)
  tariff(@Root() policy: Policy, @Ctx() context: RequestContext): TariffCalculation {
    assertMaySeePersonalData(context.principal);
    return policy.tariff;
  }

  @FieldResolver(() => [Payment], { description: 'Payments for this term, newest first, declined ones too' })
  async payments(@Root() policy: Policy, @Ctx() context: RequestContext): Promise<Payment[]> {
    if (context.principal.kind === 'partner') return [];
    return (await this.deps.payments.ofPolicy(policy.id, PAYMENTS_SHOWN)).map(toPayment);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The policy PDF: a signed link valid for 5 minutes (null for partners)',
  })
  documentUrl(@Root() policy: Policy, @Ctx() context: RequestContext): string | null {
    return this.document(policy, context)?.url ?? null;
  }

  @FieldResolver(() => [PolicyDocument], { description: "The policy's documents, behind signed links" })
  documents(@Root() policy: Policy, @Ctx() context: RequestContext): PolicyDocument[] {
    const document = this.document(policy, context);
    return document ? [document] : [];
  }

  private document(policy: Policy, context: RequestContext): PolicyDocument | null {
    const subject = linkSubjectOf(context.principal);
    if (subject === null) return null;
    const link = this.deps.links.sign(policy.id, subject, this.deps.now());
    return {
      kind: 'POLICY',
      title: `Полис ${policy.number}`,
      url: link.url,
      expiresAt: link.expiresAt.toISOString(),
    };
  }
}

@Resolver(() => Customer)
export class CustomerPoliciesResolver {
  constructor(private readonly deps: PolicyReadDependencies) {}

  // Nullable: when policy cannot answer, the rest of the customer (identity's, claims') still arrives.
  @FieldResolver(() => PolicyConnection, {
    nullable: true,
    description: "The customer's policies, latest end date first",
  })
  async policies(
    @Root() customer: Customer,
    @Ctx() context: RequestContext,
    @Arg('status', () => PolicyStatusEnum, { nullable: true }) status: PolicyStatus | undefined,
    @Arg('product', () => PolicyProductEnum, { nullable: true }) product: Product | undefined,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
  ): Promise<PolicyConnection> {
    assertMaySeeCustomerPolicies(context.principal, customer.id);
    const answer = await this.deps.reads.ofHolder({
      holderId: customer.id,
      status,
      product,
      first: pageSize(first),
      after,
    });
    const { page, totalCount } = served(answer);
    const today = moscowDate(this.deps.now());
    return {
      nodes: page.items.map((item) => toPolicy(item.data, today)),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount,
    };
  }
}

/** The answer's value; a cached one marks the response stale. */
function served<T>(answer: ReadAnswer<T>): T {
  if (answer.staleSince) reportStale(answer.staleSince);
  return answer.value;
}
