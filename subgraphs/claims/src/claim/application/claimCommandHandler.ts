import { randomUUID } from 'node:crypto';
import { DomainError, isUuid, actorReference } from '@cabinet/kernel';
import {
  WrongExpectedRevision,
  causedByCommand,
  causingCommandOf,
  streamAsLeftBy,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@cabinet/platform/eventstore';
import type { ClaimObserver } from './claimActivity.ts';
import type { CustomerKeyVault } from '@cabinet/platform/privacy';
import type { ClaimCommand } from '../domain/claimCommands.ts';
import type { ClaimEvent } from '../domain/claimEvents.ts';
import type { ClaimRules } from '../domain/claimRules.ts';
import { evolve, initialState, type Claim, type ClaimState } from '../domain/claimState.ts';
import { claimStreamId } from '../domain/claimStreamId.ts';
import { decide } from '../domain/decide.ts';
import { claimEventOf, sealClaimEvents } from './claimEventCodec.ts';

const CONFLICT_RETRIES = 3;

export interface CommandContext {
  /** The request that carries the command (its request id). */
  readonly correlationId: string;
}

export interface CommandOutcome {
  readonly claim: Claim;
  readonly submittedAt: string;
  readonly updatedAt: string;
  /** Position of the claim's latest event. */
  readonly cursor: Position;
  readonly appended: readonly ClaimEvent[];
  /** Position of the last appended event; null when the command changed nothing (e.g. a retry). */
  readonly position: Position | null;
}

export interface LoadedClaim {
  readonly state: ClaimState;
  readonly revision: bigint | null;
  /** Business times of the first and the last event; empty for a claim that does not exist. */
  readonly submittedAt: string;
  readonly updatedAt: string;
  /** Position of the latest event; empty for a claim that does not exist. */
  readonly cursor: Position;
}

/** A claim as its stream holds it; an id that is not a UUID names no claim. */
export async function loadClaim(events: EventStore, claimId: string): Promise<LoadedClaim> {
  return loadedClaimOf(isUuid(claimId) ? await events.read(claimStreamId(claimId)) : []);
}

/** The claim as the command with this id left it, when the claim handled it; else as it stands. */
export async function loadClaimAsLeftBy(
  events: EventStore,
  claimId: string,
  commandId: string,
): Promise<LoadedClaim> {
  const stored = isUuid(claimId) ? await events.read(claimStreamId(claimId)) : [];
  return loadedClaimOf(streamAsLeftBy(stored, commandId) ?? stored);
}

function loadedClaimOf(stored: readonly RecordedEvent[]): LoadedClaim {
  const recorded = stored.map(claimEventWithCommandOf);
  return {
    state: recorded.reduce(evolve, initialState),
    revision: stored.at(-1)?.revision ?? null,
    submittedAt: recorded[0]?.data.occurredAt ?? '',
    updatedAt: recorded.at(-1)?.data.occurredAt ?? '',
    cursor: stored.at(-1)?.position ?? '',
  };
}

/** A claim event with the command that recorded it: a claim event's cause is always its command. */
function claimEventWithCommandOf(recorded: RecordedEvent): ClaimEvent {
  return { ...claimEventOf(recorded), ...causingCommandOf(recorded) };
}

/** Checks the caller against the current state before the decider runs (e.g. ownership). */
export type ClaimGuard = (state: ClaimState) => void;

/**
 * Read the stream, fold, decide, append at the revision that was read. A concurrent change makes the
 * append fail with WrongExpectedRevision, and the command is decided again on the fresh state.
 */
export class ClaimCommandHandler {
  constructor(
    private readonly events: EventStore,
    private readonly vault: CustomerKeyVault,
    private readonly rules: ClaimRules,
    private readonly observer: ClaimObserver,
  ) {}

  async execute(
    claimId: string,
    command: ClaimCommand,
    context: CommandContext,
    guard: ClaimGuard = () => undefined,
  ): Promise<CommandOutcome> {
    const { commandId, fingerprint: commandFingerprint } = command.metadata;
    for (let attempt = 1; ; attempt++) {
      const stored = isUuid(claimId) ? await this.events.read(claimStreamId(claimId)) : [];
      const loaded = loadedClaimOf(stored);
      const { state, revision } = loaded;
      guard(state);
      const decided = decide(command, state, this.rules);
      // Folded as the stream will give them back: with the command that recorded them.
      const next = decided
        .map((event) => ({ ...event, commandId, commandFingerprint }))
        .reduce(evolve, state);
      if (next.kind === 'none') throw new Error('a decided claim command left no claim');
      if (decided.length === 0) {
        const handled = next.handledCommands[commandId]?.type === command.type;
        const asLeft = handled ? streamAsLeftBy(stored, commandId) : null;
        const original = asLeft === null ? loaded : loadedClaimOf(asLeft);
        const claim = original.state.kind === 'claim' ? original.state : next;
        const { submittedAt, updatedAt, cursor } = original;
        return { claim, submittedAt, updatedAt, cursor, appended: [], position: null };
      }
      const now = command.metadata.now.toISOString();
      const times = { submittedAt: loaded.submittedAt || now, updatedAt: now };
      // Fresh ids: a store that took ids it holds as a repeat would report a losing racer's different
      // events as appended; with fresh ids it refuses them, and the decider answers the repeat.
      const eventId = () => randomUUID();
      // Only the customer themself (whose consent ClaimService checked) may bring a destroyed key back.
      const ownAction = command.actor.kind === 'customer' && command.actor.customerId === next.customerId;
      const vault = ownAction ? this.vault.forCustomerWithConsent() : this.vault;
      const sealed = await sealClaimEvents(decided, next.customerId, vault, eventId, {
        actor: actorReference(command.actor),
        ...causedByCommand(commandId, context.correlationId, commandFingerprint),
      });
      try {
        const result = await this.events.append(claimStreamId(claimId), sealed, {
          expectedRevision: revision ?? 'no_stream',
        });
        await this.observer.appended(next, decided, command, context.correlationId);
        return {
          claim: next,
          ...times,
          cursor: result.position,
          appended: decided,
          position: result.position,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (attempt >= CONFLICT_RETRIES) {
          throw new DomainError(
            'CLAIM_CONCURRENTLY_MODIFIED',
            'Заявление только что изменили. Обновите страницу и повторите действие.',
          );
        }
      }
    }
  }
}
