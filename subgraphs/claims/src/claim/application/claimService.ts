import { CommonErrors, commandFingerprint, nameBasedUuid, assertConsentAccepted } from '@cabinet/kernel';
import type { EventStore } from '@cabinet/platform/eventstore';
import { requireTrustedCustomer, type CommandEnvelope, type RequestContext } from '@cabinet/platform/graphql';
import { contactEmail } from './contactEmail.ts';
import type { CustomerEmailClient } from '@cabinet/platform/notifications';
import type { PolicyClient } from './policyClient.ts';
import type { StaffRegisterClient } from '@cabinet/platform/staff';
import { assertMayReadClaim } from '../domain/claimAccess.ts';
import { claimActorOf, type ClaimActor } from '../domain/claimActor.ts';
import type { ClaimCommand, SubmitClaim } from '../domain/claimCommands.ts';
import type { Claim } from '../domain/claimState.ts';
import type { ClaimStatus } from '../domain/claimStatus.ts';
import { ClaimErrors } from '../domain/claimErrors.ts';
import { isRepeat } from '../domain/decide.ts';
import { assertSubmittable, type UnnumberedSubmission } from '../domain/claimSubmission.ts';
import type { ClaimSummaryRepository } from '../storage/claimSummaryRepository.ts';
import { loadClaim, loadClaimAsLeftBy, type ClaimCommandHandler } from './claimCommandHandler.ts';
import type { ClaimNumberSequence } from './claimNumberSequence.ts';
import { assertPolicyCoversIncident } from './policyCoverage.ts';

/** Namespace of claim ids derived from a customer's idempotency key. */
const CLAIM_ID_NAMESPACE = '3f2b8c1a-9d4e-4b6f-8a7c-5e1d0f9b2c3d';

function ownershipOf(claim: Claim) {
  return {
    claimId: claim.claimId,
    customerId: claim.customerId,
    soldByPartnerId: claim.policy.soldByPartnerId,
  };
}

function viewOf(outcome: {
  claim: Claim;
  submittedAt: string;
  updatedAt: string;
  cursor: string;
}): ClaimView {
  return {
    state: outcome.claim,
    submittedAt: outcome.submittedAt,
    updatedAt: outcome.updatedAt,
    cursor: outcome.cursor,
  };
}

export interface ClaimView {
  readonly state: Claim;
  readonly submittedAt: string;
  readonly updatedAt: string;
  /** Position of the claim's latest change in the log. */
  readonly cursor: string;
}

type CommandOf<T extends ClaimCommand['type']> = Extract<ClaimCommand, { type: T }>;

export interface SubmissionInput {
  readonly policyId: string;
  readonly incident: SubmitClaim['data']['incident'];
  readonly contact: SubmitClaim['data']['contact'];
  /** Uploaded documents of the customer, already checked to be theirs. */
  readonly documents: SubmitClaim['data']['documents'];
}

/** The use cases behind the claim mutations and queries: checks outside the domain, then the decider. */
export class ClaimService {
  constructor(
    private readonly events: EventStore,
    private readonly commands: ClaimCommandHandler,
    private readonly summaries: ClaimSummaryRepository,
    private readonly numbers: ClaimNumberSequence,
    private readonly policies: PolicyClient,
    private readonly staffRegister: StaffRegisterClient,
    private readonly customerEmails: CustomerEmailClient,
    private readonly now: () => Date,
  ) {}

  /**
   * Files a claim. Its id comes from the customer and their idempotency key (or, without a key, the
   * command), so a retry finds the claim it made; its number is reserved for that id, so a retry or a
   * racing duplicate of a submission whose append failed takes the same number again.
   */
  async submit(
    context: RequestContext,
    input: SubmissionInput,
    envelope: CommandEnvelope,
    idempotencyKey: string | undefined,
  ): Promise<ClaimView> {
    requireTrustedCustomer(context);
    const actor = this.actorOf(context);
    if (actor.kind !== 'customer') throw CommonErrors.forbidden();
    const contact = { phone: input.contact.phone, email: contactEmail(input.contact.email) };
    const claimId = nameBasedUuid(
      CLAIM_ID_NAMESPACE,
      `${actor.customerId}:${idempotencyKey ?? envelope.commandId}`,
    );
    const now = this.now();
    const metadata = {
      commandId: envelope.commandId,
      fingerprint: commandFingerprint('SubmitClaim', input),
      now,
    };
    // A retry answers before the policy is asked again: with the claim as its submission left it. The
    // same key with another submission is refused.
    const existing = await loadClaimAsLeftBy(this.events, claimId, envelope.commandId);
    if (existing.state.kind === 'claim') {
      isRepeat({ type: 'SubmitClaim', metadata }, existing.state);
      return viewOf({ ...existing, claim: existing.state });
    }

    const policy = await this.policies.policyFor(input.policyId, context.authorization, context.requestId);
    assertPolicyCoversIncident(policy, input.incident.occurredOn);
    const recipient = await this.customerEmails.noticeRecipient(context.authorization, context.requestId);
    const submission: UnnumberedSubmission = {
      type: 'SubmitClaim',
      actor,
      metadata,
      data: {
        claimId,
        policy: {
          policyId: policy.id,
          policyNumber: policy.number,
          product: policy.product,
          soldByPartnerId: policy.soldByPartnerId,
        },
        incident: input.incident,
        contact,
        noticeEmail: recipient.email,
        noticeName: recipient.greetingName,
        customerName: policy.holder.fullName,
        documents: input.documents,
      },
    };
    assertSubmittable(submission);
    const claimNumber = await this.numbers.numberFor(claimId, now.getUTCFullYear());
    const command: SubmitClaim = { ...submission, data: { ...submission.data, claimNumber } };
    return viewOf(
      await this.commands.execute(claimId, command, {
        correlationId: envelope.correlationId,
      }),
    );
  }

  /** Runs a command on an existing claim the caller may read. */
  async act<T extends Exclude<ClaimCommand['type'], 'SubmitClaim'>>(
    context: RequestContext,
    claimId: string,
    envelope: CommandEnvelope,
    type: T,
    data: CommandOf<T>['data'],
    request: unknown = data,
  ): Promise<ClaimView> {
    const actor = this.actorOf(context);
    const metadata = {
      commandId: envelope.commandId,
      fingerprint: commandFingerprint(type, request),
      now: this.now(),
    };
    const command = { type, data, actor, metadata } as CommandOf<T>;
    const outcome = await this.commands.execute(
      claimId,
      command,
      { correlationId: envelope.correlationId },
      (state) => {
        // Someone else's claim does not exist as far as a customer can tell.
        if (state.kind === 'none' || (actor.kind === 'customer' && state.customerId !== actor.customerId)) {
          throw ClaimErrors.notFound(claimId);
        }
      },
    );
    return viewOf(outcome);
  }

  /** Assigns an adjuster, as identity's staff register knows them (asked only for staff callers). */
  async assign(
    context: RequestContext,
    claimId: string,
    envelope: CommandEnvelope,
    adjusterId: string,
  ): Promise<ClaimView> {
    const actor = this.actorOf(context);
    const registered =
      actor.kind === 'staff' && adjusterId.trim() !== ''
        ? await this.staffRegister.member(adjusterId.trim(), context.authorization, context.requestId)
        : null;
    // What the register answers is not part of the request: a retry asks for the same adjuster.
    return this.act(context, claimId, envelope, 'AssignClaim', { adjusterId, registered }, { adjusterId });
  }

  /** A claim card straight from its stream, so a claim is readable the moment it is written. */
  async get(context: RequestContext, claimId: string): Promise<ClaimView> {
    const loaded = await loadClaim(this.events, claimId);
    const claim = loaded.state.kind === 'claim' ? loaded.state : null;
    assertMayReadClaim(context.principal, claim && ownershipOf(claim), claimId);
    return viewOf({ ...loaded, claim: claim as Claim });
  }

  async listOfCustomer(
    context: RequestContext,
    query: {
      customerId: string;
      status?: ClaimStatus | undefined;
      first: number;
      after?: string | undefined;
    },
  ): Promise<{ views: ClaimView[]; endCursor: string | null; hasNextPage: boolean; totalCount: number }> {
    const { principal } = context;
    if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
    assertConsentAccepted(principal);
    if (
      principal.kind === 'partner' ||
      (principal.kind === 'customer' && principal.customerId !== query.customerId)
    ) {
      throw CommonErrors.forbidden();
    }
    const { page, totalCount } = await this.summaries.ofCustomer(query);
    return {
      views: page.items.map(({ data }) => ({
        state: data.claim,
        submittedAt: data.submittedAt,
        updatedAt: data.updatedAt,
        cursor: data.cursor,
      })),
      endCursor: page.endCursor,
      hasNextPage: page.hasNextPage,
      totalCount,
    };
  }

  private actorOf(context: RequestContext): ClaimActor {
    assertConsentAccepted(context.principal);
    const actor = claimActorOf(context.principal);
    if (actor) return actor;
    throw context.principal.kind === 'anonymous' ? CommonErrors.unauthenticated() : CommonErrors.forbidden();
  }
}
