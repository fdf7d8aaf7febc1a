import type { AppendResult, ExpectedRevision, NewEvent } from '../port.ts';
import { WrongExpectedRevision } from '../port.ts';
import { categoryColumn } from './eventSchema.ts';
import { isUniqueViolation } from './openSqlite.ts';
import type { EventStatements } from './eventStatements.ts';
import { encodePosition } from './sqlitePosition.ts';

export interface AppendRequest {
  readonly stream: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: ExpectedRevision;
}

/**
 * One append inside an open write transaction: checks the expected revision (or recognises a retry)
 * and inserts. Throws WrongExpectedRevision; the caller rolls back whatever it inserted.
 */
export function appendInTransaction(
  statements: EventStatements,
  { stream, events, expectedRevision }: AppendRequest,
  recordedAt: number,
): AppendResult {
  const first = events[0] as NewEvent;
  const { current, retried } = statements.streamState.get({ stream, eventId: first.id }) ?? {
    current: null,
    retried: null,
  };
  const actual = current === null ? 'no_stream' : BigInt(current);
  if (retried !== null) return retriedAppend(statements, stream, events, expectedRevision, retried, actual);
  if (!satisfies(expectedRevision, actual)) throw new WrongExpectedRevision(stream, expectedRevision, actual);

  const firstRevision = (current ?? -1) + 1;
  try {
    const position = statements.insertEvents(
      stream,
      categoryColumn(stream),
      firstRevision,
      events,
      recordedAt,
    );
    return { nextRevision: BigInt(firstRevision + events.length - 1), position: encodePosition(position) };
  } catch (error) {
    if (isUniqueViolation(error)) throw new WrongExpectedRevision(stream, expectedRevision, actual);
    throw error;
  }
}

/**
 * The first event id is already in the stream: this is a retry. It succeeds, writing nothing, only
 * when the whole batch sits where the expected revision would have put it.
 */
function retriedAppend(
  statements: EventStatements,
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  firstRevision: number,
  actual: bigint | 'no_stream',
): AppendResult {
  const expectedFirst =
    typeof expected === 'bigint' ? expected + 1n : expected === 'no_stream' ? 0n : undefined;
  const conflict = new WrongExpectedRevision(stream, expected, actual);
  if (expectedFirst !== undefined && expectedFirst !== BigInt(firstRevision)) throw conflict;
  const stored = statements.eventIdsFrom.all(stream, firstRevision, events.length);
  const sameBatch =
    stored.length === events.length && stored.every((row, i) => row.event_id === events[i]?.id);
  const last = stored.at(-1);
  if (!sameBatch || last === undefined) throw conflict;
  return { nextRevision: BigInt(firstRevision + events.length - 1), position: encodePosition(last.position) };
}

function satisfies(expected: ExpectedRevision, actual: bigint | 'no_stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}
