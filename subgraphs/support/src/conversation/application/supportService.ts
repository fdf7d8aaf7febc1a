import {
  assertConsentAccepted,
  commandFingerprint,
  CommonErrors,
  isUuid,
  nameBasedUuid,
  type Principal,
} from '@cabinet/kernel';
import type { EventStore, RecordedEvent } from '@cabinet/platform/eventstore';
import type { CommandEnvelope, RequestContext } from '@cabinet/platform/graphql';
import type { CustomerEmailClient } from '@cabinet/platform/notifications';
import type { StaffRegisterClient } from '@cabinet/platform/staff';
import type { ConversationCommand } from '../domain/conversationCommands.ts';
import { ConversationErrors } from '../domain/conversationErrors.ts';
import type { MessageAttachment } from '../domain/conversationEvents.ts';
import type { ConversationTopic } from '../domain/conversationTopic.ts';
import { messageText } from '../domain/messageText.ts';
import { subjectKindOf } from '../domain/conversationTopic.ts';
import { supportActorOf, type OperatorActor, type SupportActor } from '../domain/supportActor.ts';
import type {
  ConversationListRepository,
  ConversationListRow,
} from '../storage/conversationListRepository.ts';
import { adjustersOf, summarize, type ConversationSummary } from '../storage/conversationSummary.ts';
import type { CustomerMessageRateRepository } from '../storage/customerMessageRateRepository.ts';
import type { CommandOutcome, ConversationCommandHandler } from './conversationCommandHandler.ts';
import { loadConversation } from './conversationCommandHandler.ts';
import { conversationEventOf } from './conversationEventCodec.ts';
import type { SubjectClient } from './subjectClient.ts';

/** Namespace of conversation and message ids derived from a client's idempotency key or a command. */
const ID_NAMESPACE = '9d3c7b1e-2f4a-4e6b-8c5d-1a7f3e9b2c4d';

/** A conversation as one viewer sees it: the customer never gets internal notes. */
export interface ConversationView {
  readonly summary: ConversationSummary;
  readonly viewer: 'CUSTOMER' | 'OPERATOR';
  /** The stream, when already read; lists leave it out and messages are read on demand. */
  readonly history?: readonly RecordedEvent[];
}

export interface Paging {
  readonly first: number;
  readonly after?: string | undefined;
}

/** The most messages a customer may send a minute, across all their conversations, and their count. */
export interface CustomerMessageLimit {
  readonly perMinute: number;
  readonly counted: CustomerMessageRateRepository;
}

export interface QueueFilter {
  readonly topic?: ConversationTopic | undefined;
  readonly unassigned?: boolean | undefined;
  readonly mine?: boolean | undefined;
}

type Change = Exclude<ConversationCommand['type'], 'OpenConversation'>;
type ChangeData<Type extends Change> = Omit<
  Extract<ConversationCommand, { type: Type }>,
  'type' | 'metadata'
>;

/** Who acts on support: a customer who accepted the consent, or support staff; anyone else is refused. */
export function supportActorFor(principal: Principal): SupportActor {
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  assertConsentAccepted(principal);
  const actor = supportActorOf(principal);
  if (actor === null) throw CommonErrors.forbidden();
  return actor;
}

function operatorFor(principal: Principal): OperatorActor {
  const actor = supportActorFor(principal);
  if (actor.kind !== 'operator') throw CommonErrors.forbidden();
  return actor;
}

/** Staff see a conversation as operators do: adjusters answer as the insurer's staff too. */
function viewerOf(actor: SupportActor): ConversationView['viewer'] {
  return actor.kind === 'customer' ? 'CUSTOMER' : 'OPERATOR';
}

function summaryOf(history: readonly RecordedEvent[]): ConversationSummary | null {
  let summary: ConversationSummary | null = null;
  for (const recorded of history) summary = summarize(summary, conversationEventOf(recorded), recorded);
  return summary;
}

/** The support chat's use cases: who may do what is checked here and in the decider. */
export class SupportService {
  constructor(
    private readonly events: EventStore,
    private readonly handler: ConversationCommandHandler,
    private readonly inbox: ConversationListRepository,
    private readonly queue: ConversationListRepository,
    private readonly subjects: SubjectClient,
    private readonly staffRegister: StaffRegisterClient,
    private readonly customerEmails: CustomerEmailClient,
    private readonly messageLimit: CustomerMessageLimit,
    private readonly now: () => Date,
  ) {}

  async open(
    context: RequestContext,
    input: {
      topic: ConversationTopic;
      subjectId: string | null;
      text: string;
      attachments: readonly MessageAttachment[];
    },
    envelope: CommandEnvelope,
    idempotencyKey: string | undefined,
  ): Promise<ConversationView> {
    const actor = supportActorFor(context.principal);
    if (actor.kind !== 'customer') throw CommonErrors.forbidden();
    // From the customer's key (or, without one, the command), so a retry finds the conversation it opened.
    const derived = (what: string) =>
      nameBasedUuid(ID_NAMESPACE, `${actor.customerId}:${idempotencyKey ?? envelope.commandId}:${what}`);
    const subjectKind = subjectKindOf(input.topic);
    if (input.subjectId !== null && subjectKind !== null) {
      if (!isUuid(input.subjectId))
        throw CommonErrors.badInput('subjectId', 'Идентификатор полиса или заявления указан неверно.');
      await this.subjects.assertOwn(subjectKind, input.subjectId, context.authorization, context.requestId);
    }
    // Notices of unread replies go only to the address Gosuslugi verified, read now on the customer's token.
    const recipient = await this.customerEmails.noticeRecipient(context.authorization, context.requestId);
    const conversationId = derived('conversation');
    const messageId = derived('message');
    const now = this.now();
    const { attachments, ...asked } = input;
    // What the customer asked: the files by id, not as the store describes them.
    const request = { ...asked, attachmentIds: attachments.map(({ attachmentId }) => attachmentId) };
    const metadata = {
      actor,
      commandId: envelope.commandId,
      fingerprint: commandFingerprint('OpenConversation', request),
      now,
    };
    const outcome = await this.countingCustomerMessage(actor, { messageId, text: input.text }, now, () =>
      this.handler.execute(
        conversationId,
        {
          type: 'OpenConversation',
          metadata,
          conversationId,
          messageId,
          autoReplyId: derived('auto-reply'),
          noticeEmail: recipient.email,
          noticeName: recipient.greetingName,
          ...input,
        },
        { correlationId: envelope.correlationId },
      ),
    );
    return this.viewOf(actor, outcome.history);
  }

  /**
   * A change to an existing conversation. `request` is what the caller asked (by default the command's
   * data), whose fingerprint tells a retry from a reused key.
   */
  async act<Type extends Change>(
    context: RequestContext,
    conversationId: string,
    envelope: CommandEnvelope,
    type: Type,
    data: ChangeData<Type>,
    request: unknown = data,
  ): Promise<ConversationView> {
    const actor = supportActorFor(context.principal);
    const metadata = {
      actor,
      commandId: envelope.commandId,
      fingerprint: commandFingerprint(type, request),
      now: this.now(),
    };
    const command = { type, metadata, ...data } as ConversationCommand;
    const execute = () =>
      this.handler.execute(conversationId, command, { correlationId: envelope.correlationId });
    const outcome =
      command.type === 'SendCustomerMessage'
        ? await this.countingCustomerMessage(actor, command, command.metadata.now, execute)
        : await execute();
    return this.viewOf(actor, outcome.history);
  }

  /**
   * Writes a customer's message only under their per-minute limit across all their conversations: the
   * message is counted first (SUPPORT_MESSAGE_RATE_LIMITED, nothing written, over the limit) and the
   * count withdrawn when the command then refuses it or it had been written already. A text that could
   * never be sent is refused as such before it is counted.
   */
  private async countingCustomerMessage(
    actor: SupportActor,
    message: { readonly messageId: string; readonly text: string },
    now: Date,
    execute: () => Promise<CommandOutcome>,
  ): Promise<CommandOutcome> {
    if (actor.kind !== 'customer') return execute();
    messageText(message.text);
    const { messageId } = message;
    const { counted, perMinute } = this.messageLimit;
    const isNew = await counted.count(actor.customerId, messageId, now, perMinute);
    let outcome: CommandOutcome;
    try {
      outcome = await execute();
    } catch (error) {
      if (isNew) await counted.withdraw(actor.customerId, messageId);
      throw error;
    }
    if (isNew && outcome.appended.length === 0) await counted.withdraw(actor.customerId, messageId);
    return outcome;
  }

  /** A new message's id, derived from the command that writes it: a retry writes the same message. */
  messageId(conversationId: string, envelope: CommandEnvelope): string {
    return nameBasedUuid(ID_NAMESPACE, `${conversationId}:${envelope.commandId}:message`);
  }

  /** The id of the automatic reply a customer's message may get, derived from the message's own. */
  autoReplyId(messageId: string): string {
    return nameBasedUuid(ID_NAMESPACE, `${messageId}:auto-reply`);
  }

  /** An assignment or a transfer: the operator must be in identity's staff register. */
  async handOver(
    context: RequestContext,
    conversationId: string,
    envelope: CommandEnvelope,
    type: 'AssignConversation' | 'TransferConversation',
    operatorId: string,
  ): Promise<ConversationView> {
    operatorFor(context.principal);
    const registered = isUuid(operatorId)
      ? await this.staffRegister.member(operatorId, context.authorization, context.requestId)
      : null;
    // What the register answers is not part of the request: a retry asks for the same operator.
    return this.act(context, conversationId, envelope, type, { operatorId, registered }, { operatorId });
  }

  /**
   * Pulls the adjuster handling the conversation's claim into it: the claims service says who handles
   * the claim, identity's staff register that they are an adjuster.
   */
  async inviteAdjuster(
    context: RequestContext,
    conversationId: string,
    envelope: CommandEnvelope,
    adjusterId: string,
  ): Promise<ConversationView> {
    operatorFor(context.principal);
    const { state } = await loadConversation(this.events, conversationId);
    if (state.kind === 'none') throw ConversationErrors.notFound();
    const aboutClaim = state.topic === 'CLAIM' && state.subjectId !== null;
    const [claimAdjusterId, registered] =
      aboutClaim && isUuid(adjusterId)
        ? await Promise.all([
            this.subjects.claimAdjuster(state.subjectId, context.authorization, context.requestId),
            this.staffRegister.member(adjusterId, context.authorization, context.requestId),
          ])
        : [null, null];
    // What the claims service and the register answer is not part of the request.
    const data = { adjusterId, registered, claimAdjusterId };
    return this.act(context, conversationId, envelope, 'InviteAdjuster', data, { adjusterId });
  }

  /** An adjuster leaving a conversation they were pulled into. */
  async leave(
    context: RequestContext,
    conversationId: string,
    envelope: CommandEnvelope,
  ): Promise<ConversationView> {
    const actor = supportActorFor(context.principal);
    if (actor.kind !== 'adjuster') throw CommonErrors.forbidden();
    return this.act(context, conversationId, envelope, 'RemoveAdjuster', { adjusterId: actor.staffId });
  }

  async get(context: RequestContext, conversationId: string): Promise<ConversationView> {
    const actor = supportActorFor(context.principal);
    const { history } = await loadConversation(this.events, conversationId);
    const summary = summaryOf(history);
    if (summary === null || (actor.kind === 'customer' && summary.customerId !== actor.customerId))
      throw ConversationErrors.notFound();
    // An adjuster sees only the conversations they are in.
    if (actor.kind === 'adjuster' && !adjustersOf(summary).includes(actor.staffId))
      throw CommonErrors.forbidden();
    return { summary, viewer: viewerOf(actor), history };
  }

  /** The stream of a conversation the caller may see, for its messages. */
  async history(context: RequestContext, view: ConversationView): Promise<readonly RecordedEvent[]> {
    return view.history ?? (await this.get(context, view.summary.conversationId)).history ?? [];
  }

  /** The customer's own conversations, latest activity first. */
  async mine(context: RequestContext, paging: Paging) {
    const actor = supportActorFor(context.principal);
    if (actor.kind !== 'customer') throw CommonErrors.forbidden();
    return this.list(this.inbox, 'CUSTOMER', { customerId: actor.customerId }, 'updatedAt', paging);
  }

  /** A customer's conversations: their own, or anyone's for operators. */
  async ofCustomer(context: RequestContext, customerId: string, paging: Paging) {
    const actor = supportActorFor(context.principal);
    if (actor.kind === 'adjuster' || (actor.kind === 'customer' && actor.customerId !== customerId))
      throw CommonErrors.forbidden();
    return this.list(this.inbox, viewerOf(actor), { customerId }, 'updatedAt', paging);
  }

  /**
   * Conversations about a policy or a claim: a customer's own about it; for operators, every
   * customer's (the subject's holder is the only one who can open one about it).
   */
  async about(context: RequestContext, subjectId: string, paging: Paging) {
    const actor = supportActorFor(context.principal);
    if (actor.kind === 'adjuster') return this.adjusterConversationsAbout(actor.staffId, subjectId, paging);
    if (actor.kind === 'customer')
      return this.list(
        this.inbox,
        'CUSTOMER',
        { customerId: actor.customerId, subjectId },
        'updatedAt',
        paging,
      );
    return this.list(this.inbox, 'OPERATOR', { subjectId }, 'updatedAt', paging);
  }

  /** The operators' queue: open conversations, the longest-waiting first. */
  async operatorQueue(context: RequestContext, filter: QueueFilter, paging: Paging) {
    const operator = operatorFor(context.principal);
    if (filter.mine === true && filter.unassigned === true)
      throw CommonErrors.badInput('filter', 'Фильтры «мои» и «без оператора» не сочетаются.');
    const where = {
      status: 'OPEN',
      ...(filter.topic ? { topic: filter.topic } : {}),
      ...(filter.unassigned === true ? { assigneeKey: '' } : {}),
      ...(filter.mine === true ? { assigneeKey: operator.staffId } : {}),
    };
    return this.list(this.queue, 'OPERATOR', where, 'waitingOrder', paging);
  }

  private async list(
    list: ConversationListRepository,
    viewer: ConversationView['viewer'],
    where: Record<string, string>,
    order: 'updatedAt' | 'waitingOrder',
    paging: Paging,
  ) {
    const { page, totalCount } = await list.find({
      where,
      sort: { field: order, direction: order === 'updatedAt' ? 'desc' : 'asc' },
      first: paging.first,
      after: paging.after,
    });
    const views = page.items.map(({ data }: { data: ConversationListRow }): ConversationView => ({
      summary: data,
      viewer,
    }));
    return { views, totalCount, hasNextPage: page.hasNextPage, endCursor: page.endCursor };
  }

  /**
   * The conversations about a claim an adjuster is in, latest first: few conversations are about one
   * claim, so they are read whole and the adjuster's kept (in one page, whatever `after` says).
   */
  private async adjusterConversationsAbout(adjusterId: string, subjectId: string, paging: Paging) {
    const theirs: ConversationView[] = [];
    let after: string | undefined;
    for (;;) {
      const { page } = await this.inbox.find({
        where: { subjectId },
        sort: { field: 'updatedAt', direction: 'desc' },
        first: 100,
        after,
      });
      for (const { data } of page.items)
        if (adjustersOf(data).includes(adjusterId)) theirs.push({ summary: data, viewer: 'OPERATOR' });
      if (!page.hasNextPage || page.endCursor === null) break;
      after = page.endCursor;
    }
    const views = theirs.slice(0, paging.first);
    return { views, totalCount: theirs.length, hasNextPage: views.length < theirs.length, endCursor: null };
  }

  private viewOf(actor: SupportActor, history: readonly RecordedEvent[]): ConversationView {
    const summary = summaryOf(history);
    if (summary === null) throw new Error('a conversation command left no conversation');
    return { summary, viewer: viewerOf(actor), history };
  }
}
