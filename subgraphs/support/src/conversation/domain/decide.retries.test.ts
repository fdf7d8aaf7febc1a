import { describe, expect, it } from 'vitest';
import { commandFingerprint } from '@cabinet/kernel';
import { deciderSpecification } from '@cabinet/kernel/testing';
import type { ConversationCommand, ConversationCommandType } from './conversationCommands.ts';
import type { ConversationEvent } from './conversationEvents.ts';
import { conversationDecider, MATRIX, recordedBy, SITUATIONS } from './testing/conversationSituations.ts';

const given = deciderSpecification(conversationDecider);

function decided(
  command: ConversationCommand,
  history: readonly ConversationEvent[],
): ConversationEvent[] | null {
  try {
    return conversationDecider.decide(
      command,
      history.reduce(conversationDecider.evolve, conversationDecider.initialState),
    );
  } catch {
    return null;
  }
}

const handledIn = (history: readonly ConversationEvent[]) =>
  new Set(history.flatMap((event) => (event.commandId === undefined ? [] : [event.commandId])));

/** The same command under the same id, with the fingerprint of a request that differs from the first. */
function askingSomethingElse(command: ConversationCommand): ConversationCommand {
  const { type: _type, metadata, ...data } = command;
  const fingerprint = commandFingerprint(command.type, { ...data, differs: true });
  return { ...command, metadata: { ...metadata, fingerprint } };
}

const reused = (type: ConversationCommandType) => ({
  field: 'idempotencyKey',
  handledAs: type,
  command: type,
});

/** Every command in every situation where it records something and has not been handled yet. */
const FIRST_TIME = Object.values(MATRIX).flatMap((command) =>
  Object.entries(SITUATIONS).flatMap(([situation, history]) => {
    if (handledIn(history).has(command.metadata.commandId)) return [];
    const events = decided(command, history);
    return events && events.length > 0 ? [{ type: command.type, situation, command, history, events }] : [];
  }),
);

/** Every command in every situation that already holds it: retried after the conversation moved on. */
const LATER = Object.entries(SITUATIONS).flatMap(([situation, history]) =>
  Object.values(MATRIX)
    .filter((command) => handledIn(history).has(command.metadata.commandId))
    .map((command) => ({ type: command.type, situation, command, history })),
);

describe('a conversation command retried (the same command id)', () => {
  it('every command is handled for the first time in some situation', () => {
    const handledOnce = new Set(FIRST_TIME.map(({ type }) => type));
    expect(decided(MATRIX.OpenConversation, [])).toHaveLength(3);
    handledOnce.add('OpenConversation');
    expect([...handledOnce].sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('every command is retried after the conversation moved on, and a retry is tried in every situation', () => {
    expect(new Set(LATER.map(({ type }) => type))).toEqual(new Set(Object.keys(MATRIX)));
    expect(new Set(LATER.map(({ situation }) => situation))).toEqual(new Set(Object.keys(SITUATIONS)));
  });

  it('OpenConversation records nothing the second time', () => {
    const open = MATRIX.OpenConversation;
    given(recordedBy(open, decided(open, []) ?? []))
      .when(open)
      .thenNothingHappens();
  });

  it.each(FIRST_TIME)(
    '$type handled when the conversation was $situation records nothing the second time',
    ({ command, history, events }) => {
      given([...history, ...recordedBy(command, events)])
        .when(command)
        .thenNothingHappens();
    },
  );

  it.each(LATER)(
    '$type records nothing when retried after the conversation has moved on to $situation',
    ({ command, history }) => {
      given(history).when(command).thenNothingHappens();
    },
  );

  it('OpenConversation is refused when its key comes back with another first message', () => {
    const open = MATRIX.OpenConversation;
    given(recordedBy(open, decided(open, []) ?? []))
      .when(askingSomethingElse(open))
      .thenRefused('IDEMPOTENCY_KEY_REUSED', reused('OpenConversation'));
  });

  it.each(FIRST_TIME)(
    '$type handled when the conversation was $situation is refused when the key comes back asking something else',
    ({ command, history, events }) => {
      given([...history, ...recordedBy(command, events)])
        .when(askingSomethingElse(command))
        .thenRefused('IDEMPOTENCY_KEY_REUSED', reused(command.type));
    },
  );

  it.each(LATER)(
    '$type is refused when its key comes back asking something else after the conversation has moved on to $situation',
    ({ command, history }) => {
      given(history)
        .when(askingSomethingElse(command))
        .thenRefused('IDEMPOTENCY_KEY_REUSED', reused(command.type));
    },
  );

  it('is refused when its id names another command the conversation handled', () => {
    const reply = MATRIX.ReplyToConversation;
    const close = MATRIX.CloseConversation;
    given(SITUATIONS.answered)
      .when({ ...close, metadata: { ...close.metadata, commandId: reply.metadata.commandId } })
      .thenRefused('IDEMPOTENCY_KEY_REUSED', {
        field: 'idempotencyKey',
        handledAs: 'ReplyToConversation',
        command: 'CloseConversation',
      });
  });

  it('is told apart from a new command of the same kind (another command id)', () => {
    const invite = MATRIX.InviteAdjuster;
    const again = { ...invite, metadata: { ...invite.metadata, commandId: 'InviteAdjuster-2' } };
    expect(decided(again, SITUATIONS.adjusterRemoved)).toHaveLength(1);
  });

  it('takes a repeat of a command recorded before fingerprints as a retry', () => {
    const send = MATRIX.SendCustomerMessage;
    const unfingerprinted = SITUATIONS.followedUp.map(
      ({ commandFingerprint: _absent, ...event }) => event as ConversationEvent,
    );
    given(unfingerprinted).when(askingSomethingElse(send)).thenNothingHappens();
  });
});
