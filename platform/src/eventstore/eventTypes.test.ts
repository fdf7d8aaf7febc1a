import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  EventTypeRegistry,
  InvalidNewEvent,
  InvalidStoredEvent,
  type EventTypeDefinition,
} from './eventTypes.ts';
import type { NewEvent, RecordedEvent } from './port.ts';

const recorded = (type: string, schemaVersion: number, data: unknown): RecordedEvent => ({
  id: 'e1',
  stream: 'claim-1',
  revision: 4n,
  position: '17',
  type,
  data,
  metadata: { schemaVersion, actor: 'system:test', correlationId: 'c1', causationId: null },
  recordedAt: new Date('2026-01-01T00:00:00Z'),
});

const newEvent = (type: string, schemaVersion: number, data: unknown): NewEvent => ({
  id: 'e1',
  type,
  data,
  metadata: { schemaVersion, actor: 'system:test', correlationId: 'c1', causationId: null },
});

const claimSubmitted: EventTypeDefinition = {
  type: 'ClaimSubmitted',
  versions: [
    { version: 1, schema: z.object({ amount: z.number() }) },
    {
      version: 2,
      schema: z.object({ amount: z.number(), channel: z.string() }),
      upcast: (data) => ({ ...(data as object), channel: 'web' }),
    },
    {
      version: 3,
      schema: z.object({ amountKopecks: z.int(), channel: z.string() }),
      upcast: (data) => {
        const { amount, ...rest } = data as { amount: number };
        return { ...rest, amountKopecks: amount * 100 };
      },
    },
  ],
};

const claimWithdrawn: EventTypeDefinition = {
  type: 'ClaimWithdrawn',
  versions: [{ version: 1, schema: z.object({ reason: z.string().nullable() }) }],
};

const questionAsked: EventTypeDefinition = {
  type: 'ClaimQuestionAsked',
  formerNames: ['ClaimClarificationRequested'],
  versions: [{ version: 1, schema: z.object({ question: z.string() }) }],
};

const registry = new EventTypeRegistry([claimSubmitted, claimWithdrawn, questionAsked]);

function rejectionOf(read: () => unknown): InvalidStoredEvent {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidStoredEvent);
    return error as InvalidStoredEvent;
  }
  throw new Error('expected the stored event to be rejected');
}

describe('EventTypeRegistry', () => {
  it.each([
    { from: 1, data: { amount: 5 }, expected: { channel: 'web', amountKopecks: 500 } },
    { from: 2, data: { amount: 5, channel: 'app' }, expected: { channel: 'app', amountKopecks: 500 } },
  ])(
    'lifts version $from through every later step of its own type to version 3',
    ({ from, data, expected }) => {
      const lifted = registry.read(recorded('ClaimSubmitted', from, data));

      expect(lifted.data).toEqual(expected);
      expect(lifted.metadata.schemaVersion).toBe(3);
    },
  );

  it('keeps a version per event type: a version-1 type is current at version 1', () => {
    const withdrawn = recorded('ClaimWithdrawn', 1, { reason: null });

    expect(registry.read(withdrawn)).toBe(withdrawn);
    expect(registry.currentVersion('ClaimWithdrawn')).toBe(1);
    expect(registry.currentVersion('ClaimSubmitted')).toBe(3);
  });

  it('returns current and unregistered events unchanged', () => {
    const current = recorded('ClaimSubmitted', 3, { amountKopecks: 1, channel: 'web' });
    const unregistered = recorded('ActivityRecorded', 7, 'anything');

    expect(registry.read(current)).toBe(current);
    expect(registry.read(unregistered)).toBe(unregistered);
  });

  it('reads an event recorded under a former name as its type today', () => {
    const old = recorded('ClaimClarificationRequested', 1, { question: 'Когда?' });

    const read = registry.read(old);

    expect(read).toMatchObject({ type: 'ClaimQuestionAsked', data: { question: 'Когда?' } });
    expect(read.metadata.schemaVersion).toBe(1);
  });

  it('does not touch the stored event', () => {
    const stored = recorded('ClaimSubmitted', 1, { amount: 5 });

    registry.read(stored);

    expect(stored.data).toEqual({ amount: 5 });
    expect(stored.metadata.schemaVersion).toBe(1);
  });

  describe('refuses a stored event it cannot read, naming its stream and position', () => {
    it('data that does not match the schema of its version', () => {
      const rejection = rejectionOf(() => registry.read(recorded('ClaimSubmitted', 1, { amount: 'пять' })));

      expect(rejection).toMatchObject({
        stream: 'claim-1',
        revision: 4n,
        position: '17',
        type: 'ClaimSubmitted',
        schemaVersion: 1,
      });
      expect(rejection.message).toMatch(
        /^stored event ClaimSubmitted v1 at claim-1@4 \(position 17\): amount: /,
      );
      expect(rejection.message).not.toContain('пять');
    });

    it.each([0, 4])('a version it does not know (%i)', (version) => {
      const rejection = rejectionOf(() => registry.read(recorded('ClaimSubmitted', version, {})));

      expect(rejection.reason).toBe('unknown version: ClaimSubmitted has versions 1 to 3');
    });

    it('an upcaster that lifts to data the next version does not accept', () => {
      const broken = new EventTypeRegistry([
        {
          type: 'ClaimPaidOut',
          versions: [
            { version: 1, schema: z.object({ amount: z.number() }) },
            { version: 2, schema: z.object({ amountKopecks: z.int() }), upcast: (data) => data },
          ],
        },
      ]);

      const rejection = rejectionOf(() => broken.read(recorded('ClaimPaidOut', 1, { amount: 5 })));

      expect(rejection.reason).toMatch(/^lifted to v2, amountKopecks: /);
    });
  });

  describe('at registration, refuses a chain with a missing step', () => {
    const schema = z.object({});
    it.each<{ case: string; definition: EventTypeDefinition; error: RegExp }>([
      {
        case: 'a version-1 event with only a 2→3 upcaster',
        definition: {
          type: 'A',
          versions: [
            { version: 1, schema },
            { version: 2, schema },
            { version: 3, schema, upcast: (data) => data },
          ],
        },
        error: /event type A version 2 has no upcaster from version 1/,
      },
      {
        case: 'a gap in the versions',
        definition: {
          type: 'A',
          versions: [
            { version: 1, schema },
            { version: 3, schema, upcast: (data) => data },
          ],
        },
        error: /event type A version 3 is listed where version 2 belongs/,
      },
      {
        case: 'an upcaster into version 1',
        definition: { type: 'A', versions: [{ version: 1, schema, upcast: (data) => data }] },
        error: /event type A version 1 is the first/,
      },
      {
        case: 'no version at all',
        definition: { type: 'A', versions: [] },
        error: /event type A has no version/,
      },
    ])('$case', ({ definition, error }) => {
      expect(() => new EventTypeRegistry([definition])).toThrow(error);
    });

    it('two definitions under one name, current or former', () => {
      expect(() => new EventTypeRegistry([claimWithdrawn, claimWithdrawn])).toThrow(
        /event type ClaimWithdrawn is registered twice/,
      );
      expect(
        () =>
          new EventTypeRegistry([questionAsked, { ...claimWithdrawn, type: 'ClaimClarificationRequested' }]),
      ).toThrow(/event type ClaimClarificationRequested is registered twice/);
    });
  });

  describe('checks a new event before it is written', () => {
    it('accepts today’s version of a registered type, and any unregistered type', () => {
      expect(() =>
        registry.checkNew('claim-1', newEvent('ClaimWithdrawn', 1, { reason: null })),
      ).not.toThrow();
      expect(() => registry.checkNew('x-1', newEvent('Unregistered', 9, null))).not.toThrow();
    });

    it.each([
      {
        case: 'an old version',
        event: newEvent('ClaimSubmitted', 2, { amount: 1, channel: 'web' }),
        reason: /the version written today is 3/,
      },
      {
        case: 'data that does not match',
        event: newEvent('ClaimWithdrawn', 1, { reason: 5 }),
        reason: /reason: /,
      },
      {
        case: 'a former name',
        event: newEvent('ClaimClarificationRequested', 1, { question: '?' }),
        reason: /the type is now named ClaimQuestionAsked/,
      },
    ])('refuses $case', ({ event, reason }) => {
      expect(() => registry.checkNew('claim-1', event)).toThrow(InvalidNewEvent);
      expect(() => registry.checkNew('claim-1', event)).toThrow(reason);
    });
  });
});
