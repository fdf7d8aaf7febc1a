import { describe, expect, it } from 'vitest';
import { commandFingerprint } from '@cabinet/kernel';
import { deciderSpecification } from '@cabinet/kernel/testing';
import type { ClaimCommand, ClaimCommandType, CommentOnClaim } from './claimCommands.ts';
import type { ClaimEvent, ClaimEventType } from './claimEvents.ts';
import { claimDecider, recordedBy } from './testing/claimFixtures.ts';
import { MATRIX, SITUATIONS } from './testing/claimSituations.ts';

const given = deciderSpecification(claimDecider);

function decided(command: ClaimCommand, history: readonly ClaimEvent[]): ClaimEvent[] | null {
  try {
    return claimDecider.decide(command, history.reduce(claimDecider.evolve, claimDecider.initialState));
  } catch {
    return null;
  }
}

/** Every situation's history as the stream gives it back: each event names the command of MATRIX that records it. */
const COMMAND_RECORDING: Partial<Record<ClaimEventType, ClaimCommand>> = {};
for (const { command, allowedIn } of Object.values(MATRIX)) {
  for (const situation of allowedIn) {
    for (const event of decided(command, SITUATIONS[situation].events) ?? []) {
      COMMAND_RECORDING[event.type] = command;
    }
  }
}
COMMAND_RECORDING.ClaimSubmitted = MATRIX.SubmitClaim.command;
const recordedHistory = (events: readonly ClaimEvent[]) =>
  events.map((event) => {
    const command = COMMAND_RECORDING[event.type];
    return command ? recordedBy(command, [event])[0]! : event;
  });

/** The same command under the same id, with the fingerprint of a request that differs from the first. */
function askingSomethingElse<C extends ClaimCommand>(command: C): C {
  const request = { ...command.data, differs: true };
  return {
    ...command,
    metadata: { ...command.metadata, fingerprint: commandFingerprint(command.type, request) },
  };
}

const FIRST_TIME = Object.values(MATRIX).flatMap(({ command, allowedIn }) =>
  allowedIn.flatMap((situation) => {
    const events = decided(command, SITUATIONS[situation].events);
    return events && events.length > 0
      ? [{ type: command.type, situation, command, history: SITUATIONS[situation].events, events }]
      : [];
  }),
);

const LATER = Object.entries(SITUATIONS).flatMap(([situation, { events, status }]) => {
  const history = recordedHistory(events);
  const handled = new Set(history.flatMap((event) => (event.commandId ? [event.commandId] : [])));
  return Object.values(MATRIX)
    .filter(({ command }) => handled.has(command.metadata.commandId))
    .map(({ command }) => ({ type: command.type, situation, status, command, history }));
});

describe('a command retried (the same command id)', () => {
  it('every command is handled for the first time in some situation', () => {
    const handledOnce = new Set(FIRST_TIME.map(({ type }) => type));
    const submitted = MATRIX.SubmitClaim.command;
    expect(decided(submitted, [])).toHaveLength(1);
    handledOnce.add(submitted.type);
    expect([...handledOnce].sort()).toEqual(Object.keys(MATRIX).sort() as ClaimCommandType[]);
  });

  it('SubmitClaim records nothing the second time', () => {
    const submitted = MATRIX.SubmitClaim.command;
    given(recordedBy(submitted, decided(submitted, []) ?? []))
      .when(submitted)
      .thenNothingHappens();
  });

  it.each(FIRST_TIME)(
    '$type handled when the claim was $situation records nothing the second time',
    ({ command, history, events }) => {
      given([...history, ...recordedBy(command, events)])
        .when(command)
        .thenNothingHappens();
    },
  );

  it.each(LATER)(
    '$type records nothing when retried after the claim has moved on to $situation ($status)',
    ({ command, history }) => {
      given(history).when(command).thenNothingHappens();
    },
  );

  it('covers a retry in every situation', () => {
    expect(new Set(LATER.map(({ situation }) => situation))).toEqual(new Set(Object.keys(SITUATIONS)));
  });

  it.each(FIRST_TIME)(
    '$type handled when the claim was $situation is refused when the key comes back asking something else',
    ({ command, history, events }) => {
      given([...history, ...recordedBy(command, events)])
        .when(askingSomethingElse(command))
        .thenRefused('IDEMPOTENCY_KEY_REUSED', {
          field: 'idempotencyKey',
          handledAs: command.type,
          command: command.type,
        });
    },
  );

  it.each(LATER)(
    '$type is refused when its key comes back asking something else after the claim has moved on to $situation',
    ({ command, history }) => {
      given(history).when(askingSomethingElse(command)).thenRefused('IDEMPOTENCY_KEY_REUSED', {
        field: 'idempotencyKey',
        handledAs: command.type,
        command: command.type,
      });
    },
  );

  it('SubmitClaim is refused when its key comes back with another submission', () => {
    const submitted = MATRIX.SubmitClaim.command;
    given(recordedBy(submitted, decided(submitted, []) ?? []))
      .when(askingSomethingElse(submitted))
      .thenRefused('IDEMPOTENCY_KEY_REUSED', {
        field: 'idempotencyKey',
        handledAs: 'SubmitClaim',
        command: 'SubmitClaim',
      });
  });

  it('takes a repeat of a command recorded before fingerprints as a retry', () => {
    const asked = MATRIX.CommentOnClaim.command;
    const history = SITUATIONS.inProgress.events;
    const unfingerprinted = recordedBy(asked, decided(asked, history) ?? []).map(
      ({ commandFingerprint: _absent, ...event }) => event as ClaimEvent,
    );
    given([...history, ...unfingerprinted])
      .when(askingSomethingElse(asked))
      .thenNothingHappens();
  });

  it('is told apart from a new command of the same kind (another command id)', () => {
    const asked = MATRIX.CommentOnClaim.command as CommentOnClaim;
    const history = [...SITUATIONS.inProgress.events];
    const again: CommentOnClaim = {
      ...asked,
      data: { ...asked.data, commentId: 'comment-10' },
      metadata: { ...asked.metadata, commandId: 'another-comment' },
    };
    const events = decided(asked, history) ?? [];
    expect(decided(again, [...history, ...recordedBy(asked, events)])).toHaveLength(1);
  });

  it('is refused when its id names another command the claim handled', () => {
    const asked = MATRIX.RequestClaimClarification.command;
    const history = SITUATIONS.inProgress.events;
    const comment = MATRIX.CommentOnClaim.command;
    const reusing = { ...comment, metadata: { ...comment.metadata, commandId: asked.metadata.commandId } };
    given([...history, ...recordedBy(asked, decided(asked, history) ?? [])])
      .when(reusing)
      .thenRefused('IDEMPOTENCY_KEY_REUSED', {
        field: 'idempotencyKey',
        handledAs: 'RequestClaimClarification',
        command: 'CommentOnClaim',
      });
  });
});
