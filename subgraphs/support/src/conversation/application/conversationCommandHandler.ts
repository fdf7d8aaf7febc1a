import { randomUUID } from 'node:crypto';
import { DomainError, isUuid, actorReference } from '@cabinet/kernel';
import {
  WrongExpectedRevision,
  causedByCommand,
  causingCommandOf,
  streamAsLeftBy,
  type EventStore,
  type RecordedEvent,
} from '@cabinet/platform/eventstore';
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
  return loadedConversationOf(await readStream(events, conversationId));
}

async function readStream(events: EventStore, conversationId: string): Promise<readonly RecordedEvent[]> {
  return isUuid(conversationId) ? await events.read(conversationStreamId(conversationId)) : [];
}

function loadedConversationOf(history: readonly RecordedEvent[]): LoadedConversation {
  return { state: history.map(conversationEventWithCommandOf).reduce(evolve, initialState), history };
}

/** A conversation event with the command that recorded it, so the state knows the commands it handled. */
function conversationEventWithCommandOf(recorded: RecordedEvent): ConversationEvent {
  return { ...conversationEventOf(recorded), ...causingCommandOf(recorded) };
}

export interface CommandOutcome {
  readonly conversation: Conversation;
  /** The stream after the command, the appended events included; for a repeat, as the command left it. */
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
    /** The request that carries the command (its request id), as the events' correlation records it. */
    context: { readonly correlationId: string },
  ): Promise<CommandOutcome> {
    const { commandId, fingerprint: commandFingerprint } = command.metadata;
    for (let attempt = 1; ; attempt++) {
      const history = await readStream(this.events, conversationId);
      const { state } = loadedConversationOf(history);
      const decided = decide(command, state, this.rules);
      // Folded as the stream will give them back: with the command that recorded them.
      const next = decided
        .map((event) => ({ ...event, commandId, commandFingerprint }))
        .reduce(evolve, state);
      if (next.kind === 'none') throw new Error('a decided conversation command left no conversation');
      if (decided.length === 0) return this.unchanged(command, next, history);
      const metadata = {
        actor: actorReference(command.metadata.actor),
        ...causedByCommand(commandId, context.correlationId, commandFingerprint),
      };
      const stream = conversationStreamId(conversationId);
      try {
        // Fresh ids: a store that took ids it holds as a repeat would report a losing racer's events as
        // appended; with fresh ids it refuses them, and the decider answers the repeat.
        await this.events.append(
          stream,
          decided.map((event) => recordedConversationEvent(event, randomUUID(), metadata)),
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

  /** A command that changed nothing: a repeat answers with the conversation as its first time left it. */
  private unchanged(
    command: ConversationCommand,
    current: Conversation,
    history: readonly RecordedEvent[],
  ): CommandOutcome {
    const handled = current.handledCommands[command.metadata.commandId]?.type === command.type;
    const asLeft = handled ? streamAsLeftBy(history, command.metadata.commandId) : null;
    if (asLeft === null) return { conversation: current, history, appended: [] };
    const { state } = loadedConversationOf(asLeft);
    return { conversation: state.kind === 'conversation' ? state : current, history: asLeft, appended: [] };
  }
}
