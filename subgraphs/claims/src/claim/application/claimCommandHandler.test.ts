import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandFingerprint } from '@cabinet/kernel';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import { CustomerKeyVault } from '@cabinet/platform/privacy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimCommand, ProvideClaimDocuments } from '../domain/claimCommands.ts';
import { claimStatusOf } from '../domain/claimState.ts';
import { claimStreamId } from '../domain/claimStreamId.ts';
import {
  ADJUSTER,
  CLAIM_ID,
  command,
  CUSTOMER,
  RULES,
  submitClaim,
  SUPERVISOR,
} from '../domain/testing/claimFixtures.ts';
import { withoutActivity } from './claimActivity.ts';
import { ClaimCommandHandler, loadClaimAsLeftBy } from './claimCommandHandler.ts';

const now = () => new Date('2026-04-20T09:00:00Z');

let directory: string;
let events: EventStore;
let documents: DocumentStore;
let handler: ClaimCommandHandler;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'claim-commands-'));
  events = await openEventStore({ sqliteFile: join(directory, 'events.sqlite') });
  documents = await openDocumentStore({
    database: 'claims',
    sqliteFile: join(directory, 'documents.sqlite'),
  });
  handler = new ClaimCommandHandler(
    events,
    await CustomerKeyVault.open(documents, now),
    RULES,
    withoutActivity,
  );
});

afterEach(async () => {
  await events.close();
  await documents.close();
  await rm(directory, { recursive: true, force: true });
});

const provide = () =>
  command<ProvideClaimDocuments>(
    'ProvideClaimDocuments',
    {
      documents: [
        {
          documentId: 'document-2',
          fileName: 'фото.jpg',
          contentType: 'image/jpeg',
          sizeBytes: 10,
          sha256: 'b'.repeat(64),
        },
      ],
    },
    CUSTOMER,
  );

const recordedTypes = async () => (await events.read(claimStreamId(CLAIM_ID))).map((event) => event.type);

describe('the claim command handler', () => {
  it('gives two identical submissions racing the same claim, recorded once', async () => {
    const submission = submitClaim();
    // The same command (one idempotency key), even had each request been given a number of its own.
    const duplicate = { ...submission, data: { ...submission.data, claimNumber: 'У-2026-000124' } };
    const [first, second] = await Promise.all([
      handler.execute(CLAIM_ID, submission, { correlationId: 'request-1' }),
      handler.execute(CLAIM_ID, duplicate, { correlationId: 'request-2' }),
    ]);
    expect(second.claim).toEqual(first.claim);
    expect(second.cursor).toBe(first.cursor);
    expect(await recordedTypes()).toEqual(['ClaimSubmitted']);
  });

  it('records a retried command once and answers the retry with the claim as the command left it', async () => {
    await handler.execute(CLAIM_ID, submitClaim(), { correlationId: 'submit' });
    const provided = provide();
    const first = await handler.execute(CLAIM_ID, provided, { correlationId: 'request-1' });
    await handler.execute(CLAIM_ID, command('AcceptClaim', {}, SUPERVISOR), { correlationId: 'accept' });

    const retried = await handler.execute(CLAIM_ID, provided, { correlationId: 'request-2' });

    expect(retried.appended).toEqual([]);
    expect(retried.position).toBeNull();
    expect(claimStatusOf(retried.claim)).toBe('SUBMITTED');
    expect(retried.cursor).toBe(first.cursor);
    expect(await recordedTypes()).toEqual(['ClaimSubmitted', 'ClaimDocumentsProvided', 'ClaimAccepted']);
  });

  it('refuses a command id that comes back asking something else, and records nothing', async () => {
    await handler.execute(CLAIM_ID, submitClaim(), { correlationId: 'submit' });
    const provided = provide();
    await handler.execute(CLAIM_ID, provided, { correlationId: 'request-1' });
    const otherDocuments = provided.data.documents.map((document) => ({ ...document, fileName: 'акт.pdf' }));
    const reused: ProvideClaimDocuments = {
      ...provided,
      data: { documents: otherDocuments },
      metadata: {
        ...provided.metadata,
        fingerprint: commandFingerprint(provided.type, { documents: otherDocuments }),
      },
    };

    await expect(handler.execute(CLAIM_ID, reused, { correlationId: 'request-2' })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await recordedTypes()).toEqual(['ClaimSubmitted', 'ClaimDocumentsProvided']);
    const [, recorded] = await events.read(claimStreamId(CLAIM_ID));
    expect(recorded!.metadata.commandFingerprint).toBe(provided.metadata.fingerprint);
  });

  it('reads a claim as a command it handled left it, and as it stands for any other', async () => {
    const submission = submitClaim();
    await handler.execute(CLAIM_ID, submission, { correlationId: 'submit' });
    await handler.execute(CLAIM_ID, command('AcceptClaim', {}, SUPERVISOR), { correlationId: 'accept' });
    const statusAfter = async (commandId: string) => {
      const { state } = await loadClaimAsLeftBy(events, CLAIM_ID, commandId);
      return state.kind === 'claim' ? claimStatusOf(state) : null;
    };
    expect(await statusAfter(submission.metadata.commandId)).toBe('SUBMITTED');
    expect(await statusAfter('a-command-never-handled')).toBe('ACCEPTED');
  });

  it('records the request as correlation and the command as causation of every event', async () => {
    const commands: [ClaimCommand, string][] = [
      [submitClaim(), 'request-submit'],
      [command('AcceptClaim', {}, SUPERVISOR), 'request-accept'],
      [
        command(
          'AssignClaim',
          {
            adjusterId: 'adjuster-1',
            registered: { staffId: 'adjuster-1', fullName: 'Петров Пётр Петрович', roles: ['adjuster'] },
          },
          SUPERVISOR,
        ),
        'request-assign',
      ],
      [command('StartClaimWork', {}, ADJUSTER), 'request-start'],
    ];
    for (const [next, requestId] of commands) {
      await handler.execute(CLAIM_ID, next, { correlationId: requestId });
    }
    const recorded = await events.read(claimStreamId(CLAIM_ID));
    expect(recorded.map(({ metadata }) => [metadata.correlationId, metadata.causationId])).toEqual(
      commands.map(([next, requestId]) => [requestId, next.metadata.commandId]),
    );
  });
});
