import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURRENT_CONSENT_VERSION, DomainError, type Principal } from '@cabinet/kernel';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { openEventStore, type EventStore, type Position } from '@cabinet/platform/eventstore';
import type { Projection } from '@cabinet/platform/projections';
import { createLogger } from '@cabinet/platform/logging';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustomerKeyVault } from '@cabinet/platform/privacy';
import { ClaimCommandHandler } from '../../claim/application/claimCommandHandler.ts';
import { withoutActivity } from '../../claim/application/claimActivity.ts';
import type { ClaimCommand } from '../../claim/domain/claimCommands.ts';
import {
  CUSTOMER,
  OTHER_CUSTOMER,
  RULES,
  SUPERVISOR,
  command,
  submitClaim,
} from '../../claim/domain/testing/claimFixtures.ts';
import { formatClaimNumber } from '../../claim/domain/claimNumber.ts';
import { ClaimSummaryRepository } from '../../claim/storage/claimSummaryRepository.ts';
import { claimSummaryProjection } from '../../claim/storage/claimSummaryProjection.ts';
import { CLAIM_STREAM_CATEGORY, claimStreamId } from '../../claim/domain/claimStreamId.ts';
import { openClaimStatusFeed, type ClaimStatusChangeRecord } from './claimStatusFeed.ts';
import { ClaimStatusHub } from './claimStatusHub.ts';
import { comparePositions } from '@cabinet/platform/feeds';

const log = createLogger('claims-test', 'silent');
const customer = (customerId: string): Principal => ({
  kind: 'customer',
  customerId,
  sessionId: 's',
  trusted: true,
  consentVersion: CURRENT_CONSENT_VERSION,
});
const staff: Principal = { kind: 'staff', staffId: 'supervisor-1', sessionId: 's', roles: ['supervisor'] };
const partner: Principal = {
  kind: 'partner',
  partnerId: 'partner-1',
  clientId: 'bank',
  scopes: ['claims:status'],
};

/** Moves through a claim's life in an order the decider accepts; all but the assignment change the status. */
const LIFECYCLE: ClaimCommand[] = [
  command('AcceptClaim', {}, SUPERVISOR),
  command(
    'AssignClaim',
    {
      adjusterId: 'supervisor-1',
      registered: {
        staffId: 'supervisor-1',
        fullName: 'Петров Пётр Петрович',
        roles: ['adjuster', 'supervisor'],
      },
    },
    SUPERVISOR,
  ),
  command('StartClaimWork', {}, SUPERVISOR),
  command('RequestClaimDocuments', { message: 'Нужна справка о ДТП' }, SUPERVISOR),
  command(
    'ProvideClaimDocuments',
    {
      documents: [
        {
          documentId: 'document-2',
          fileName: 'справка.pdf',
          contentType: 'application/pdf',
          sizeBytes: 1_000,
          sha256: 'b'.repeat(64),
        },
      ],
    },
    CUSTOMER,
  ),
];

describe('the shared claim status feed', () => {
  let dataDir: string;
  let events: EventStore;
  let documents: DocumentStore;
  let handler: ClaimCommandHandler;
  let hub: ClaimStatusHub;
  const aborts: AbortController[] = [];
  /** The claim summaries, projected when a test says so: `applied` is how far they have got. */
  let summaries: ClaimSummaryRepository;
  let summaryProjection: Projection;
  let applied: Position | undefined;
  /** What the feed read: whole streams by name, and how many events from the shared log. */
  let streamsRead: string[];
  let logEventsRead: number;
  const maxResumeEvents = 20;

  const project = async () => {
    for (const event of await events.readAll({
      ...(applied === undefined ? {} : { after: applied }),
      categories: [CLAIM_STREAM_CATEGORY],
      maxCount: 1_000,
    })) {
      await summaryProjection.apply(event);
      applied = event.position;
    }
  };

  let claimSequence = 0;
  const submit = async (claimId: string, actor = CUSTOMER) =>
    (
      await handler.execute(
        claimId,
        {
          ...submitClaim({
            claimId,
            claimNumber: formatClaimNumber({ year: 2026, sequence: ++claimSequence }),
          }),
          actor,
        },
        { correlationId: randomUUID() },
      )
    ).position as string;
  const run = (claimId: string, claimCommand: ClaimCommand) =>
    handler.execute(claimId, claimCommand, { correlationId: randomUUID() });
  const follow = (principal: Principal, options: { claimId?: string; after?: string }) => {
    const abort = new AbortController();
    aborts.push(abort);
    const counted: EventStore = {
      append: (stream, recorded, appendOptions) => events.append(stream, recorded, appendOptions),
      read: (stream, readOptions) => {
        streamsRead.push(stream);
        return events.read(stream, readOptions);
      },
      readAll: async (readOptions) => {
        const read = await events.readAll(readOptions);
        logEventsRead += read.length;
        return read;
      },
      headPosition: () => events.headPosition(),
      subscribe: (subscribeOptions) => events.subscribe(subscribeOptions),
      close: () => events.close(),
    };
    const ownClaims = {
      appliedUpTo: () => Promise.resolve(applied),
      cursorsOf: (customerId: string) => summaries.cursorsOfCustomer(customerId),
    };
    return openClaimStatusFeed(
      { hub, events: counted, ownClaims, maxResumeEvents },
      { principal, ...options, signal: abort.signal },
    );
  };
  const take = async (feed: AsyncGenerator<ClaimStatusChangeRecord>, count: number) => {
    const taken: ClaimStatusChangeRecord[] = [];
    while (taken.length < count) {
      const next = await feed.next();
      if (next.done) break;
      taken.push(next.value);
    }
    return taken;
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'claims-feed-'));
    events = await openEventStore({ sqliteFile: join(dataDir, 'events.sqlite') });
    documents = await openDocumentStore({
      database: 'claims',
      sqliteFile: join(dataDir, 'documents.sqlite'),
    });
    handler = new ClaimCommandHandler(
      events,
      await CustomerKeyVault.open(documents, () => new Date('2026-04-13T09:00:00.000Z')),
      RULES,
      withoutActivity,
    );
    hub = await ClaimStatusHub.start(events, log);
    summaries = await ClaimSummaryRepository.open(documents);
    summaryProjection = claimSummaryProjection(summaries);
    applied = undefined;
    streamsRead = [];
    logEventsRead = 0;
  });
  afterEach(async () => {
    for (const abort of aborts.splice(0)) abort.abort();
    await hub.stop();
    await events.close();
    await documents.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('hands a resuming subscriber from the log to the live feed with no gap and no duplicate', async () => {
    // Given a claim whose first two changes happened before anyone subscribed
    const claimId = randomUUID();
    const submittedAt = await submit(claimId);
    for (const move of LIFECYCLE.slice(0, 3)) await run(claimId, move);

    // When its customer resumes after the submission while the claim keeps moving
    const feed = await follow(customer('customer-1'), { claimId, after: submittedAt });
    const firstTwo = take(feed, 2);
    for (const move of LIFECYCLE.slice(3)) await run(claimId, move);

    // Then every change after the cursor arrives once, in log order
    const received = [...(await firstTwo), ...(await take(feed, 2))];
    expect(received.map((change) => change.status)).toEqual([
      'ACCEPTED',
      'IN_PROGRESS',
      'DOCUMENTS_REQUESTED',
      'IN_PROGRESS',
    ]);
    const cursors = received.map((change) => change.cursor);
    expect([...cursors].sort(comparePositions)).toEqual(cursors);
    expect(new Set(cursors).size).toBe(4);
    expect(hub.subscribers).toBe(1);
    await feed.return(undefined);
    expect(hub.subscribers).toBe(0);
  });

  it('resumes each of many subscribers from its own cursor', async () => {
    const claimId = randomUUID();
    const cursors = [await submit(claimId)];
    for (const move of LIFECYCLE) {
      const outcome = await run(claimId, move);
      if (move.type !== 'AssignClaim') cursors.push(outcome.position as string);
    }
    await run(claimId, command('ApproveClaim', { amountKopecks: 100_000_00 }, SUPERVISOR));
    const feeds = await Promise.all(
      cursors.slice(0, 4).map((after) => follow(customer('customer-1'), { claimId, after })),
    );
    const last = run(claimId, command('MarkClaimReadyForPayout', {}, SUPERVISOR));

    const received = await Promise.all(feeds.map((feed, index) => take(feed, cursors.length - index)));
    await last;

    received.forEach((changes, index) => {
      expect(changes.map((change) => change.cursor)).toEqual([
        ...cursors.slice(index + 1),
        expect.any(String),
      ]);
      expect(changes.at(-1)?.status).toBe('READY_FOR_PAYOUT');
    });
  });

  it('gives staff every claim and a customer only their own when following all claims', async () => {
    const mine = randomUUID();
    const theirs = randomUUID();
    const start = await submit(mine);
    await submit(theirs, OTHER_CUSTOMER);
    await project();
    const staffFeed = await follow(staff, { after: start });
    const customerFeed = await follow(customer('customer-1'), { after: start });
    await run(theirs, LIFECYCLE[0] as ClaimCommand);
    await run(mine, LIFECYCLE[0] as ClaimCommand);

    expect((await take(staffFeed, 3)).map((change) => [change.claimId, change.status])).toEqual([
      [theirs, 'SUBMITTED'],
      [theirs, 'ACCEPTED'],
      [mine, 'ACCEPTED'],
    ]);
    expect((await take(customerFeed, 1)).map((change) => [change.claimId, change.status])).toEqual([
      [mine, 'ACCEPTED'],
    ]);
  });

  it("answers CLAIM_NOT_FOUND for another customer's claim and BAD_USER_INPUT for a malformed cursor", async () => {
    const claimId = randomUUID();
    await submit(claimId);
    await expect(follow(customer('customer-2'), { claimId })).rejects.toMatchObject({
      code: 'CLAIM_NOT_FOUND',
    });
    await expect(follow(customer('customer-1'), { claimId, after: 'yesterday' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(hub.subscribers).toBe(0);
  });

  it.each([
    ['nobody signed in', { kind: 'anonymous' }, {}, 'UNAUTHENTICATED'],
    [
      'a customer without consent',
      { ...customer('customer-1'), consentVersion: null },
      {},
      'CONSENT_REQUIRED',
    ],
    ['another customer, by claim id', customer('customer-2'), { ownClaim: true }, 'CLAIM_NOT_FOUND'],
    ['a partner that sold nothing of it', partner, { ownClaim: true }, 'CLAIM_NOT_FOUND'],
    ['anyone, with a malformed cursor', customer('customer-1'), { after: 'yesterday' }, 'BAD_USER_INPUT'],
  ] as const)('refuses %s before any stream starts', async (_case, principal, options, code) => {
    const claimId = randomUUID();
    await submit(claimId);
    await expect(
      follow(principal, {
        ...('ownClaim' in options ? { claimId } : {}),
        ...('after' in options ? { after: options.after } : {}),
      }),
    ).rejects.toMatchObject({ code });
    expect(hub.subscribers).toBe(0);
  });

  it('lets the customer and staff follow the claim, and a partner the claims it sold', async () => {
    const claimId = randomUUID();
    await submit(claimId);
    for (const principal of [customer('customer-1'), staff]) {
      await expect(follow(principal, { claimId })).resolves.toBeDefined();
    }
    await expect(follow(partner, {})).resolves.toBeDefined();
    expect(hub.subscribers).toBe(3);
  });

  it("resumes a customer's whole list from their own claims' streams, not the shared log", async () => {
    // Given two claims of the customer, another customer's claims, and a read model that has caught up
    const mine = randomUUID();
    const older = randomUUID();
    await submit(older);
    const start = await submit(mine);
    for (let index = 0; index < 3; index += 1) {
      const theirs = randomUUID();
      await submit(theirs, OTHER_CUSTOMER);
      await run(theirs, LIFECYCLE[0] as ClaimCommand);
    }
    await run(mine, LIFECYCLE[0] as ClaimCommand);
    await project();

    // When the customer resumes their whole list after the second submission
    const feed = await follow(customer('customer-1'), { after: start });

    // Then only the change since then arrives, read from the one claim that changed
    expect((await take(feed, 1)).map((change) => [change.claimId, change.status])).toEqual([
      [mine, 'ACCEPTED'],
    ]);
    expect(streamsRead).toEqual([claimStreamId(mine)]);
    expect(logEventsRead).toBe(0);
  });

  it('misses nothing the read model has not applied yet, and repeats nothing', async () => {
    // Given a read model that applied the first claim's submission only
    const first = randomUUID();
    const start = await submit(first);
    await project();
    const second = randomUUID();
    await run(first, LIFECYCLE[0] as ClaimCommand);
    await submit(second);
    await submit(randomUUID(), OTHER_CUSTOMER);
    await run(second, LIFECYCLE[0] as ClaimCommand);

    // When the customer resumes after the first submission, then a live change follows
    const feed = await follow(customer('customer-1'), { after: start });
    const received = take(feed, 4);
    await run(first, LIFECYCLE[1] as ClaimCommand);
    await run(first, LIFECYCLE[2] as ClaimCommand);

    // Then the changes the read model lacks come from the log, each once, in log order
    expect((await received).map((change) => [change.claimId, change.status])).toEqual([
      [first, 'ACCEPTED'],
      [second, 'SUBMITTED'],
      [second, 'ACCEPTED'],
      [first, 'IN_PROGRESS'],
    ]);
    expect(logEventsRead).toBe(4);
  });

  it('refuses staff and partners a resumption further back than the bound, before the feed starts', async () => {
    const claimId = randomUUID();
    const start = await submit(claimId);
    // The shared feed has handled every submission once a live follower has seen them all
    const watching = await follow(staff, {});
    for (let index = 0; index <= maxResumeEvents; index += 1) await submit(randomUUID());
    await take(watching, maxResumeEvents + 1);
    await watching.return(undefined);

    for (const principal of [staff, partner]) {
      await expect(follow(principal, { after: start })).rejects.toMatchObject({
        code: 'CLAIM_FEED_RESUME_TOO_FAR',
        details: { field: 'after', maxEvents: maxResumeEvents },
      });
    }
    expect(hub.subscribers).toBe(0);
    expect(logEventsRead).toBe(2 * (maxResumeEvents + 1));

    // With the claim named, its own stream is read however far back the cursor is
    const feed = await follow(staff, { claimId, after: start });
    const next = take(feed, 1);
    await run(claimId, LIFECYCLE[0] as ClaimCommand);
    expect((await next).map((change) => change.status)).toEqual(['ACCEPTED']);
  });
});

describe('comparePositions', () => {
  const at = (major: number, minor: number) =>
    major.toString(16).padStart(16, '0') + minor.toString(16).padStart(16, '0');
  it.each([
    [at(9, 9), at(10, 10), -1],
    [at(10, 5), at(10, 4), 1],
    [at(9, 99), at(10, 0), -1],
    [at(255, 255), at(255, 255), 0],
    // A bare row id from before positions had one form orders among the new ones.
    ['9', at(10, 10), -1],
    ['10', at(10, 10), 0],
  ])('orders %s against %s as %i', (a, b, expected) => {
    expect(comparePositions(a, b)).toBe(expected);
  });

  it('refuses what is no log position as bad input', () => {
    expect(() => comparePositions('C:10/P:4', at(1, 1))).toThrow(DomainError);
  });
});
