import { describe, expect, it } from 'vitest';
import { causingCommandOf, streamAsLeftBy } from './causingCommand.ts';
import type { RecordedEvent } from './port.ts';

function recorded(revision: number, causationId: string | null, commandFingerprint?: string): RecordedEvent {
  return {
    id: `event-${revision}`,
    type: 'Happened',
    data: {},
    metadata: {
      schemaVersion: 1,
      actor: 'customer:c-1',
      correlationId: 'request-1',
      causationId,
      ...(commandFingerprint === undefined ? {} : { commandFingerprint }),
    },
    stream: 'thing-1',
    revision: BigInt(revision),
    position: String(revision),
    recordedAt: new Date(0),
  };
}

describe('the command that recorded an event', () => {
  it('is read back from the causation id, with the request’s fingerprint when it was kept', () => {
    expect(causingCommandOf(recorded(0, 'command-1', 'asked'))).toEqual({
      commandId: 'command-1',
      commandFingerprint: 'asked',
    });
    expect(causingCommandOf(recorded(0, 'command-1'))).toEqual({ commandId: 'command-1' });
    expect(causingCommandOf(recorded(0, null))).toEqual({});
  });
});

describe('the stream as a command left it', () => {
  const stream = [recorded(0, 'open'), recorded(1, 'send'), recorded(2, 'send'), recorded(3, 'close')];

  it('ends with the command’s last event', () => {
    expect(streamAsLeftBy(stream, 'send')?.map(({ revision }) => revision)).toEqual([0n, 1n, 2n]);
  });

  it('is null for a command that recorded nothing in it', () => {
    expect(streamAsLeftBy(stream, 'other')).toBeNull();
  });
});
