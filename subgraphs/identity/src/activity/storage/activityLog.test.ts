import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ACTIVITY_EVENT_TYPE,
  activityStream,
  type ActivityRecord,
  type ActivityService,
} from '@cabinet/contracts';
import { isDomainError } from '@cabinet/kernel';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActivityLog } from './activityLog.ts';

const SUBJECT = 'customer-1';

describe('ActivityLog', () => {
  let dir: string;
  let events: EventStore;
  let log: ActivityLog;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'activity-log-'));
    events = await openEventStore({ sqliteFile: join(dir, 'events.sqlite') });
    log = new ActivityLog(events);
  });
  afterEach(async () => {
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function record(service: ActivityService, action: string, minute: number, subject = SUBJECT) {
    const data: ActivityRecord = {
      action,
      outcome: 'SUCCESS',
      actor: `customer:${subject}`,
      service,
      at: new Date(Date.UTC(2026, 3, 20, 9, minute)).toISOString(),
      ip: null,
      userAgent: null,
      errorCode: null,
      esiaCode: null,
      details: {},
    };
    const metadata = { schemaVersion: 1, actor: data.actor, correlationId: randomUUID(), causationId: null };
    await events.append(
      activityStream(service, subject),
      [{ id: randomUUID(), type: ACTIVITY_EVENT_TYPE, data, metadata }],
      {
        expectedRevision: 'any',
      },
    );
  }

  it('merges every service’s entries about the person, newest first, and pages through them with cursors', async () => {
    await record('identity', 'SIGN_IN', 1);
    await record('policy', 'PAYMENT_SUCCEEDED', 2);
    await record('claims', 'CLAIM_SUBMITTED', 3);
    await record('identity', 'SESSION_REFRESHED', 4);
    await record('claims', 'CLAIM_DOCUMENTS_PROVIDED', 5);
    await record('identity', 'SIGN_IN', 6, 'someone-else');

    const first = await log.page(SUBJECT, 2);
    expect(first.entries.map((entry) => entry.action)).toEqual([
      'CLAIM_DOCUMENTS_PROVIDED',
      'SESSION_REFRESHED',
    ]);
    expect(first).toMatchObject({ totalCount: 5, hasNextPage: true, endCursor: first.entries[1]!.cursor });

    const second = await log.page(SUBJECT, 2, first.endCursor!);
    expect(second.entries.map((entry) => entry.action)).toEqual(['CLAIM_SUBMITTED', 'PAYMENT_SUCCEEDED']);
    expect(second.hasNextPage).toBe(true);

    const last = await log.page(SUBJECT, 2, second.endCursor!);
    expect(last.entries.map((entry) => `${entry.service}:${entry.action}`)).toEqual(['identity:SIGN_IN']);
    expect(last.hasNextPage).toBe(false);

    const fromTheMiddle = await log.page(SUBJECT, 10, first.entries[0]!.cursor);
    expect(fromTheMiddle.entries.map((entry) => entry.action)).toEqual([
      'SESSION_REFRESHED',
      'CLAIM_SUBMITTED',
      'PAYMENT_SUCCEEDED',
      'SIGN_IN',
    ]);
  });

  it('keeps its place when newer entries arrive between pages', async () => {
    await record('policy', 'PAYMENT_SUCCEEDED', 1);
    await record('claims', 'CLAIM_SUBMITTED', 2);
    const first = await log.page(SUBJECT, 1);
    await record('claims', 'CLAIM_WITHDRAWN', 3);
    const rest = await log.page(SUBJECT, 5, first.endCursor!);
    expect(rest.entries.map((entry) => entry.action)).toEqual(['PAYMENT_SUCCEEDED']);
  });

  it('reads an empty log for a person nobody wrote about', async () => {
    expect(await log.page(SUBJECT, 10)).toEqual({
      entries: [],
      endCursor: null,
      hasNextPage: false,
      totalCount: 0,
    });
  });

  it.each(['12', 'bm90IGEgY3Vyc29y', Buffer.from('identity:1,policy:x,claims:0').toString('base64url')])(
    'refuses a cursor it did not give: %s',
    async (cursor) => {
      const refusal = await log.page(SUBJECT, 10, cursor).catch((error: unknown) => error);
      expect(isDomainError(refusal) && refusal.code).toBe('BAD_USER_INPUT');
    },
  );
});
