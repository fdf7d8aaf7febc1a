import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventTypeRegistry,
  InvalidStoredEvent,
  openEventStore,
  type EventStore,
  type NewEvent,
} from '@cabinet/platform/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClaimsEvents } from '../../claimsStorage.ts';
import type { ClaimEvent } from '../domain/claimEvents.ts';
import { evolve, initialState } from '../domain/claimState.ts';
import { claimStreamId } from '../domain/claimStreamId.ts';
import { CLAIM_ID, history, occurredAt } from '../domain/testing/claimFixtures.ts';
import { foldClaimCard } from '../storage/claimCardFold.ts';
import { readClaimLog } from '../storage/claimLog.ts';
import { loadClaim } from './claimCommandHandler.ts';
import { CLAIM_EVENT_TYPES, claimEventVersion } from './claimEventTypes.ts';

const recordedAs = (event: { type: string; data: unknown }, index: number): NewEvent => ({
  id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  type: event.type,
  data: event.data,
  metadata: { schemaVersion: 1, actor: 'customer:customer-1', correlationId: 'c1', causationId: null },
});

/** A claim's history as the decider records it today, and every other event type besides. */
function everyEventType(): ClaimEvent[] {
  const h = history();
  const base = { claimId: CLAIM_ID, occurredAt: occurredAt('2026-04-17') };
  return [
    ...h.paid,
    ...h.refused.slice(-1),
    ...h.withdrawn.slice(-1),
    h.events.questionAsked,
    h.events.documentsRequested,
    {
      type: 'ClaimClarificationAnswered',
      data: { ...base, clarificationId: 'c', personal: { answer: 'Да' } },
    },
    {
      type: 'ClaimDocumentsProvided',
      data: {
        ...base,
        documents: [],
        fulfilsRequest: false,
        decisionClock: null,
        personal: { sealed: 'b64', keyId: 'customer-1#1' },
      },
    },
    {
      type: 'ClaimCommented',
      data: {
        ...base,
        commentId: 'm',
        author: { kind: 'staff', id: 'adjuster-1' },
        personal: { erased: true },
      },
    },
  ];
}

describe('claim event types', () => {
  const types = new EventTypeRegistry(CLAIM_EVENT_TYPES);

  it('accepts every event the decider records, in the version each type is written in today', () => {
    const events = everyEventType();

    expect(new Set(events.map((event) => event.type)).size).toBe(CLAIM_EVENT_TYPES.length);
    for (const event of events) {
      expect(() =>
        types.checkNew('claim-x', {
          ...recordedAs(event, 0),
          metadata: { ...recordedAs(event, 0).metadata, schemaVersion: claimEventVersion(event.type) },
        }),
      ).not.toThrow();
    }
  });
});

describe('a claim stream recorded before the customer’s question was named ClaimQuestionAsked', () => {
  let directory: string;
  let raw: EventStore;
  let claims: EventStore;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'claims-event-types-'));
    raw = await openEventStore({ sqliteFile: join(directory, 'events.sqlite') });
    claims = await openClaimsEvents({
      DATA_DIR: directory,
      EVENTSTORE_URL: undefined,
      MONGODB_URL: undefined,
    });
  });

  afterEach(async () => {
    await Promise.all([raw.close(), claims.close()]);
    await rm(directory, { recursive: true, force: true });
  });

  /** The stream as the release before the rename wrote it: the question under its old name. */
  async function writeOldStream(): Promise<ClaimEvent[]> {
    const events = history().awaitingResponse;
    const asStored = events.map((event) =>
      event.type === 'ClaimQuestionAsked' ? { ...event, type: 'ClaimClarificationRequested' } : event,
    );
    await raw.append(claimStreamId(CLAIM_ID), asStored.map(recordedAs), { expectedRevision: 'no_stream' });
    return events;
  }

  it('folds to the same claim as under the new name', async () => {
    const events = await writeOldStream();

    const loaded = await loadClaim(claims, CLAIM_ID);

    expect(loaded.state).toEqual(events.reduce(evolve, initialState));
    expect(loaded.state).toMatchObject({ openClarification: { clarificationId: 'clarification-1' } });
  });

  it('shows in the analysts’ log and the claim’s history under the new name', async () => {
    await writeOldStream();

    const log = await readClaimLog(claims, { first: 10 });
    const card = foldClaimCard(await claims.read(claimStreamId(CLAIM_ID)));

    expect(log.events.map((event) => event.type).at(-1)).toBe('ClaimQuestionAsked');
    expect(card?.timeline.at(-1)).toMatchObject({ type: 'ClaimQuestionAsked', what: 'Клиент задал вопрос' });
  });

  it('fails loudly, naming stream and position, on a stored claim event that breaks its schema', async () => {
    const [submitted] = history().submitted;
    const broken = { ...submitted!, data: { ...submitted!.data, documents: 'none' } };
    await raw.append(claimStreamId(CLAIM_ID), [recordedAs(broken, 0)], { expectedRevision: 'no_stream' });
    const [stored] = await raw.read(claimStreamId(CLAIM_ID));

    const failure = await loadClaim(claims, CLAIM_ID).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(InvalidStoredEvent);
    expect(failure).toMatchObject({
      stream: claimStreamId(CLAIM_ID),
      revision: 0n,
      position: stored!.position,
      type: 'ClaimSubmitted',
    });
  });
});
