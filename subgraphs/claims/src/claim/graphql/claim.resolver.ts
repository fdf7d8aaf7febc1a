import { MoneyAmountScalar, UuidScalar } from '@cabinet/platform/scalars';
import { nameBasedUuid, parseDecimal } from '@cabinet/kernel';
import {
  commandEnvelopeOf,
  IDEMPOTENCY_KEY_ARGUMENT,
  pageSize,
  type RequestContext,
} from '@cabinet/platform/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DocumentService } from '../../documents/application/documentService.ts';
import type { ClaimService, ClaimView } from '../application/claimService.ts';
import type { ClaimRefusalReason } from '../domain/claimEvents.ts';
import type { ClaimStatus } from '../domain/claimStatus.ts';
import { Claim, ClaimConnection } from './claim.type.ts';
import { Customer } from './entities.ts';
import { ClaimRefusalReasonEnum, ClaimStatusEnum } from './enums.ts';
import { SubmitClaimInput } from './inputs.ts';
import { toClaim } from './toClaim.ts';

/** Namespace of comment and question ids derived from the command that adds them. */
const ENTRY_ID_NAMESPACE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

const entryIdOf = (claimId: string, commandId: string) =>
  nameBasedUuid(ENTRY_ID_NAMESPACE, `${claimId}:${commandId}`);

@Resolver(() => Claim)
export class ClaimResolver {
  constructor(
    private readonly claims: ClaimService,
    private readonly now: () => Date,
    private readonly documents: DocumentService,
  ) {}

  private view(view: ClaimView): Claim {
    return toClaim(view.state, view, this.now());
  }

  @Query(() => Claim, { description: 'A claim card: its customer’s own, or any for staff' })
  async claim(@Arg('id', () => UuidScalar) id: string, @Ctx() context: RequestContext): Promise<Claim> {
    return this.view(await this.claims.get(context, id));
  }

  @Mutation(() => Claim, {
    description:
      'Files a claim on a policy the customer holds. Retrying with the same key returns the same claim.',
  })
  async submitClaim(
    @Arg('input', () => SubmitClaimInput) input: SubmitClaimInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Claim> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    const documentIds = input.documentIds ?? [];
    const documents =
      documentIds.length > 0 && context.principal.kind === 'customer'
        ? await this.documents.attachable(context.principal.customerId, documentIds)
        : [];
    return this.view(
      await this.claims.submit(
        context,
        {
          policyId: input.policyId,
          incident: input.incident,
          contact: { phone: input.contact?.phone ?? null, email: input.contact?.email ?? null },
          documents,
        },
        envelope,
        idempotencyKey ?? undefined,
      ),
    );
  }

  @Mutation(() => Claim, { description: 'Staff: accept the claim for review; the decision clock starts' })
  async acceptClaim(
    @Arg('id', () => UuidScalar) id: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Claim> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return this.view(await this.claims.act(context, id, envelope, 'AcceptClaim', {}));
  }

  @Mutation(() => Claim, {
    description: 'Staff: hand the claim to an adjuster (adjusters may take unassigned claims)',
  })
  async assignClaim(
    @Arg('id', () => UuidScalar) id: string,
    @Arg('adjusterId', () => UuidScalar) adjusterId: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Claim> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return this.view(await this.claims.assign(context, id, envelope, adjusterId));
  }

  @Mutation(() => Claim, { description: 'Staff: the assigned adjuster starts working on the claim' })
  async startClaimWork(
    @Arg('id', () => UuidScalar) id: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Claim> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return this.view(await this.claims.act(context, id, envelope, 'StartClaimWork', {}));
  }

  @Mutation(() => Claim, { description: 'Customer: ask the insurer a question about the claim' })
  async askClaimQuestion(
    @Arg('id', () => UuidScalar) id: string,
    @Arg('question', () => String) question: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Claim> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return this.view(
      await this.claims.act(context, id, envelope, 'RequestClaimClarification', {
        clarificationId: entryIdOf(id, envelope.commandId),
        question,
      }),
    );
  }

  @Mutation(() => Claim, { description: 'Staff: answer the customer’s open question' })
  async answerClaimQuestion(
    @Arg('id', () => UuidScalar) id: string,
    @Arg('answer', () => String) answer: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Claim> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return this.view(await this.claims.act(context, id, envelope, 'AnswerClaimClarification', { answer }));
  }

  @Mutation(() => Claim, { description: 'Staff: ask for documents or corrections; the ОСАГО clock pauses' })
  async requestClaimDocuments(
    @Arg('id', () => UuidScalar) id: string,
    @Arg('message', () => String) message: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Claim> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return this.view(await this.claims.act(context, id, envelope, 'RequestClaimDocuments', { message }));
  }

  @Mutation(() => Claim, { description: 'Customer or staff: add a comment to the claim' })
  async commentOnClaim(
    @Arg('id', () => UuidScalar) id: string,
    @Arg('text', () => String) text: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Claim> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return this.view(
      await this.claims.act(context, id, envelope, 'CommentOnClaim', {
        commentId: entryIdOf(id, envelope.commandId),
        text,
      }),
    );
  }

  @Mutation(() => Claim, {
    description: 'Staff: approve a payout, amount in roubles as a decimal string ("150000.00")',
  })
  async approveClaim(
    @Arg('id', () => UuidScalar) id: string,
    @Arg('amount', () => MoneyAmountScalar) amount: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Claim> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return this.view(
      await this.claims.act(context, id, envelope, 'ApproveClaim', {
        amountKopecks: parseDecimal(amount, 'RUB').minorUnits,
      }),
    );
  }

  @Mutation(() => Claim, { description: 'Staff: refuse the claim with a reason the customer reads' })
  async refuseClaim(
    @Arg('id', () => UuidScalar) id: string,
    @Arg('reason', () => ClaimRefusalReasonEnum) reason: ClaimRefusalReason,
    @Arg('explanation', () => String) explanation: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Claim> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return this.view(await this.claims.act(context, id, envelope, 'RefuseClaim', { reason, explanation }));
  }

  @Mutation(() => Claim, { description: 'Staff: the approved payout is ready («Готово к выдаче»)' })
  async markClaimReadyForPayout(
    @Arg('id', () => UuidScalar) id: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Claim> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return this.view(await this.claims.act(context, id, envelope, 'MarkClaimReadyForPayout', {}));
  }

  @Mutation(() => Claim, { description: 'Staff: the payout was made; the claim is completed' })
  async payOutClaim(
    @Arg('id', () => UuidScalar) id: string,
    @Arg('paymentReference', () => String) paymentReference: string,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Claim> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return this.view(await this.claims.act(context, id, envelope, 'PayOutClaim', { paymentReference }));
  }

  @Mutation(() => Claim, { description: 'Customer: withdraw the claim before a decision' })
  async withdrawClaim(
    @Arg('id', () => UuidScalar) id: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Claim> {
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    return this.view(
      await this.claims.act(context, id, envelope, 'WithdrawClaim', { reason: reason ?? null }),
    );
  }

  async resolveReference(reference: { id: string }, context: RequestContext): Promise<Claim> {
    return this.view(await this.claims.get(context, reference.id));
  }
}

@Resolver(() => Customer)
export class CustomerClaimsResolver {
  constructor(
    private readonly service: ClaimService,
    private readonly now: () => Date,
  ) {}

  @FieldResolver(() => ClaimConnection, {
    nullable: true,
    description:
      'The customer’s claims, newest first. Null (with an error) when the claims service is unavailable, so the rest of the customer still answers.',
  })
  async claims(
    @Root() customer: Customer,
    @Ctx() context: RequestContext,
    @Arg('status', () => ClaimStatusEnum, { nullable: true }) status: ClaimStatus | undefined,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
  ): Promise<ClaimConnection> {
    const list = await this.service.listOfCustomer(context, {
      customerId: customer.id,
      status,
      first: pageSize(first),
      after,
    });
    const now = this.now();
    return {
      nodes: list.views.map((view) => toClaim(view.state, view, now)),
      pageInfo: { hasNextPage: list.hasNextPage, endCursor: list.endCursor },
      totalCount: list.totalCount,
    };
  }
}
