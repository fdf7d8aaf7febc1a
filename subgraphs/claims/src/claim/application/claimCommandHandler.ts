import { randomUUID } from 'node:crypto';
import { DomainError, isUuid, nameBasedUuid, actorReference } from '@cabinet/kernel';
import { WrongExpectedRevision, type EventStore, type Position } from '@cabinet/platform/eventstore';
import type { ClaimObserver } from './claimActivity.ts';
import type { CustomerKeyVault } from '@cabinet/platform/privacy';
import type { ClaimCommand } from '../domain/claimCommands.ts';
import type { ClaimEvent } from '../domain/claimEvents.ts';
import type { ClaimRules } from '../domain/claimRules.ts';
import { evolve, initialState, type Claim, type ClaimState } from '../domain/claimState.ts';
import { claimStreamId } from '../domain/claimStreamId.ts';
import { decide } from '../domain/decide.ts';
import { claimEventOf, sealClaimEvents } from './claimEventCodec.ts';

/** Namespace of the event ids derived from idempotency keys. */
const EVENT_ID_NAMESPACE = 'a1f0c3e2-5b7d-4e8f-9a6b-0c1d2e3f4a5b';
const CONFLICT_RETRIES = 3;

export interface CommandContext {
  readonly correlationId: string;
  /** The client's idempotency key: the same key gives the same event ids, so a retry adds nothing. */
  readonly idempotencyKey?: string | undefined;
}

export interface CommandOutcome {
  readonly claim: Claim;
  readonly submittedAt: string;
  readonly updatedAt: string;
  /** Position of the claim's latest event. */
  readonly cursor: Position;
  readonly appended: readonly ClaimEvent[];
  /** Position of the last appended event; null when the command changed nothing (a retry). */
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
  const stored = isUuid(claimId) ? await events.read(claimStreamId(claimId)) : [];
  const recorded = stored.map(claimEventOf);
  return {
    state: recorded.reduce(evolve, initialState),
    revision: stored.at(-1)?.revision ?? null,
    submittedAt: recorded[0]?.data.occurredAt ?? '',
    updatedAt: recorded.at(-1)?.data.occurredAt ?? '',
    cursor: stored.at(-1)?.position ?? '',
  };
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
    for (let attempt = 1; ; attempt++) {
      const loaded = await loadClaim(this.events, claimId);
      const { state, revision } = loaded;
      guard(state);
      const decided = decide(command, state, this.rules);
      const next = decided.reduce(evolve, state);
      if (next.kind === 'none') throw new Error('a decided claim command left no claim');
      const now = command.metadata.now.toISOString();
      const times = {
        submittedAt: loaded.submittedAt || now,
        updatedAt: decided.length > 0 ? now : loaded.updatedAt,
      };
      if (decided.length === 0)
        return { claim: next, ...times, cursor: loaded.cursor, appended: [], position: null };
      const eventId = (index: number) =>
        context.idempotencyKey === undefined
          ? randomUUID()
          : nameBasedUuid(
              EVENT_ID_NAMESPACE,
              `${claimId}:${command.type}:${context.idempotencyKey}:${index}`,
            );
      // Only the customer themself (whose consent ClaimService checked) may bring a destroyed key back.
      const ownAction = command.actor.kind === 'customer' && command.actor.customerId === next.customerId;
      const vault = ownAction ? this.vault.forCustomerWithConsent() : this.vault;
      const sealed = await sealClaimEvents(decided, next.customerId, vault, eventId, {
        actor: actorReference(command.actor),
        correlationId: context.correlationId,
        causationId: null,
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
