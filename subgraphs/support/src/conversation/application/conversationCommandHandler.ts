import { randomUUID } from 'node:crypto';
import { DomainError, isUuid, nameBasedUuid, actorReference } from '@cabinet/kernel';
import {
  WrongExpectedRevision,
  causedByCommand,
  type EventStore,
  type RecordedEvent,
} from '@cabinet/platform/eventstore';
import type { CommandEnvelope } from '@cabinet/platform/graphql';
import type { ConversationCommand } from '../domain/conversationCommands.ts';
import type { ConversationEvent } from '../domain/conversationEvents.ts';
import {
  evolve,
  initialState,
  type Conversation,
  type ConversationState,
} from '../domain/conversationState.ts';
import { conversationStreamId } from '../domain/conversationStreamId.ts';
import { decide } from '../domain/decide.ts';
import type { SupportRules } from '../domain/supportRules.ts';
import { conversationEventOf, recordedConversationEvent } from './conversationEventCodec.ts';

/** Namespace of the event ids derived from a command's idempotency key. */
const EVENT_ID_NAMESPACE = '2f6d9c1a-8b4e-4c7d-9a3f-5e1b7c9d0a2e';
const CONFLICT_RETRIES = 3;

export interface LoadedConversation {
  readonly state: ConversationState;
  readonly history: readonly RecordedEvent[];
}

/** A conversation as its stream holds it; an id that is not a UUID names none. */
export async function loadConversation(
  events: EventStore,
  conversationId: string,
): Promise<LoadedConversation> {
  const history = isUuid(conversationId) ? await events.read(conversationStreamId(conversationId)) : [];
  return { state: history.map(conversationEventOf).reduce(evolve, initialState), history };
}

export interface CommandOutcome {
  readonly conversation: Conversation;
  /** The stream after the command, the appended events included. */
  readonly history: readonly RecordedEvent[];
  readonly appended: readonly ConversationEvent[];
}

/**
 * Read the stream, fold, decide, append at the revision read. A concurrent change fails the append with
 * WrongExpectedRevision and the command is decided again on the fresh state; a refusal writes nothing.
 */
export class ConversationCommandHandler {
  constructor(
    private readonly events: EventStore,
    private readonly rules: SupportRules,
  ) {}

  async execute(
    conversationId: string,
    command: ConversationCommand,
    context: {
      /** The request and the command, as the events' correlation and causation record them. */
      readonly envelope: CommandEnvelope;
      readonly idempotencyKey?: string | undefined;
    },
  ): Promise<CommandOutcome> {
    for (let attempt = 1; ; attempt++) {
      const { state, history } = await loadConversation(this.events, conversationId);
      const decided = decide(command, state, this.rules);
      const next = decided.reduce(evolve, state);
      if (next.kind === 'none') throw new Error('a decided conversation command left no conversation');
      if (decided.length === 0) return { conversation: next, history, appended: [] };
      const eventId = (index: number) =>
        context.idempotencyKey === undefined
          ? randomUUID()
          : nameBasedUuid(
              EVENT_ID_NAMESPACE,
              `${conversationId}:${command.type}:${context.idempotencyKey}:${index}`,
            );
      const { commandId, correlationId } = context.envelope;
      const metadata = {
        actor: actorReference(command.metadata.actor),
        ...causedByCommand(commandId, correlationId),
      };
      const stream = conversationStreamId(conversationId);
      try {
        await this.events.append(
          stream,
          decided.map((event, index) => recordedConversationEvent(event, eventId(index), metadata)),
          { expectedRevision: history.at(-1)?.revision ?? 'no_stream' },
        );
        const fromRevision = (history.at(-1)?.revision ?? -1n) + 1n;
        const appended = await this.events.read(stream, { fromRevision, maxCount: decided.length });
        return { conversation: next, history: [...history, ...appended], appended: decided };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (attempt >= CONFLICT_RETRIES)
          throw new DomainError(
            'CONVERSATION_CONCURRENTLY_MODIFIED',
            'Обращение только что изменилось. Повторите действие.',
          );
      }
    }
  }
}
