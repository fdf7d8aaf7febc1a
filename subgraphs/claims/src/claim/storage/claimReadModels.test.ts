import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openBlobStore } from '@cabinet/platform/blobs';
import { openDocumentStore, type Collection, type DocumentStore } from '@cabinet/platform/documents';
import { openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import { createLogger } from '@cabinet/platform/logging';
import { runProjection, type Projection } from '@cabinet/platform/projections';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UploadedFileRepository } from '@cabinet/platform/files';
import { DocumentService } from '../../documents/application/documentService.ts';
import { LinkSigner, PublicLinks } from '@cabinet/platform/files';
import type { LinkGrant } from '../../documents/application/linkGrants.ts';
import { consentRevocationReaction, CustomerKeyVault } from '@cabinet/platform/privacy';
import { eraseCustomerReadModels } from '../../privacy/application/eraseCustomerReadModels.ts';
import { ClaimCommandHandler, loadClaim } from '../application/claimCommandHandler.ts';
import { withoutActivity } from '../application/claimActivity.ts';
import type { ClaimCommand } from '../domain/claimCommands.ts';
import {
  ADJUSTER,
  CLAIM_ID,
  command,
  CUSTOMER,
  RULES,
  submitClaim,
  SUPERVISOR,
} from '../domain/testing/claimFixtures.ts';
import { CLAIM_STREAM_CATEGORY } from '../domain/claimStreamId.ts';
import { ClaimCardReader } from './claimCardReader.ts';
import { openClaimReadModels, type ClaimReadModels } from './claimReadModels.ts';

const PDF = Buffer.from('%PDF-1.7\n% test document\n');
const PLAINTEXTS = [
  'Москва, Тверская ул., 1',
  'Столкновение на перекрёстке',
  '+79161234567',
  'справка о ДТП.pdf',
  'Когда будет решение?',
];
const customerId = CUSTOMER.kind === 'customer' ? CUSTOMER.customerId : '';
const now = () => new Date('2026-04-20T09:00:00Z');
const log = createLogger('claims-test', 'silent');

let directory: string;
let events: EventStore;
let documents: DocumentStore;
let readModels: ClaimReadModels;
let vault: CustomerKeyVault;
let documentService: DocumentService;

async function applyAll(projection: Projection): Promise<void> {
  for (const event of await events.readAll({ categories: [CLAIM_STREAM_CATEGORY], maxCount: 10_000 })) {
    await projection.apply(event);
  }
}

async function snapshot(): Promise<Record<string, unknown>> {
  const dump = async <T>(collection: Collection<T>) =>
    (await collection.find({ first: 100 })).items.map(({ id, data }) => ({ id, data }));
  return {
    summaries: await dump(readModels.summaries.collection),
    cards: await dump(readModels.cards.collection),
    queue: await dump(readModels.queue.collection),
  };
}

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'claims-read-models-'));
  events = await openEventStore({ sqliteFile: join(directory, 'events.sqlite') });
  documents = await openDocumentStore({
    database: 'claims',
    sqliteFile: join(directory, 'documents.sqlite'),
  });
  readModels = await openClaimReadModels(documents);
  vault = await CustomerKeyVault.open(documents, now);
  documentService = new DocumentService({
    records: await UploadedFileRepository.open(documents, 'claim_documents'),
    blobs: await openBlobStore({ directory: join(directory, 'blobs') }),
    vault,
    signer: new LinkSigner<LinkGrant>(Buffer.alloc(32, 7)),
    links: new PublicLinks('http://claims.test'),
    now,
  });

  // Given a claim filed with an uploaded PDF, accepted, assigned, commented and asked about.
  const ticket = await documentService.requestUpload(
    customerId,
    { fileName: 'справка о ДТП.pdf', contentType: 'application/pdf', size: PDF.length },
    'upload-key-1',
  );
  await documentService.receive(
    ticket.documentId,
    new URL(ticket.uploadUrl).searchParams.get('token') ?? '',
    Readable.from([PDF]),
  );
  const attached = await documentService.attachable(customerId, [ticket.documentId]);
  const handler = new ClaimCommandHandler(events, vault, RULES, withoutActivity);
  const commands: ClaimCommand[] = [
    submitClaim({
      incident: { occurredOn: '2026-04-12', kind: 'ДТП', place: PLAINTEXTS[0]!, description: PLAINTEXTS[1]! },
      contact: { phone: PLAINTEXTS[2]!, email: null },
      documents: attached,
    }),
    command('AcceptClaim', {}, SUPERVISOR),
    command(
      'AssignClaim',
      {
        adjusterId: 'adjuster-1',
        registered: { staffId: 'adjuster-1', fullName: 'Петров Пётр Петрович', roles: ['adjuster'] },
      },
      SUPERVISOR,
    ),
    command('StartClaimWork', {}, ADJUSTER),
    command(
      'RequestClaimClarification',
      { clarificationId: '5d1c0a39-8f0e-4a1e-9a57-2b7e3c9f4d10', question: PLAINTEXTS[4]! },
      CUSTOMER,
    ),
    command(
      'CommentOnClaim',
      { commentId: '9a7b3c21-4d5e-4f60-8a1b-2c3d4e5f6a7b', text: 'Прикладываю фото' },
      CUSTOMER,
    ),
  ];
  for (const next of commands) await handler.execute(CLAIM_ID, next, { correlationId: 'test' });
});

afterEach(async () => {
  await events.close();
  await documents.close();
  await rm(directory, { recursive: true, force: true });
});

describe('claim read models', () => {
  it('ignore an event applied a second time', async () => {
    for (const projection of readModels.projections) await applyAll(projection);
    const once = await snapshot();

    for (const projection of readModels.projections) await applyAll(projection);

    expect(await snapshot()).toEqual(once);
    const card = await readModels.cards.get(CLAIM_ID);
    expect(card?.timeline.map((entry) => [entry.statusBefore, entry.statusAfter])).toEqual([
      [null, 'SUBMITTED'],
      ['SUBMITTED', 'ACCEPTED'],
      ['ACCEPTED', 'ACCEPTED'],
      ['ACCEPTED', 'IN_PROGRESS'],
      ['IN_PROGRESS', 'AWAITING_RESPONSE'],
      ['AWAITING_RESPONSE', 'AWAITING_RESPONSE'],
    ]);
    expect(card?.documents).toHaveLength(1);
    expect(card?.comments).toHaveLength(1);
  });

  it('rebuild from the log into identical read models', async () => {
    for (const projection of readModels.projections) await applyAll(projection);
    const built = await snapshot();

    for (const projection of readModels.projections) {
      await projection.reset();
      await applyAll(projection);
    }

    expect(await snapshot()).toEqual(built);
  });

  it('keep no plaintext personal data, and the card opens it for entitled readers', async () => {
    for (const projection of readModels.projections) await applyAll(projection);
    const stored = JSON.stringify(await snapshot());
    for (const plain of PLAINTEXTS) expect(stored).not.toContain(plain);

    const reader = new ClaimCardReader(events, readModels.cards, vault);
    const card = await reader.current(CLAIM_ID, (await readModels.cards.get(CLAIM_ID))?.cursor ?? '');
    const opened = await reader.open(card!);
    expect(opened[0]).toMatchObject({ incidentPlace: PLAINTEXTS[0], contactPhone: PLAINTEXTS[2] });
    expect(opened[4]).toEqual({ question: PLAINTEXTS[4] });
  });
});

describe('consent revocation', () => {
  it('destroys the key and erases the read models, while the events still fold', async () => {
    const running = await Promise.all(
      readModels.projections.map((projection) => runProjection(projection, events, documents, log)),
    );
    await Promise.all(running.map((projection) => projection.caughtUp()));
    const before = await loadClaim(events, CLAIM_ID);

    // When identity reports the revocation on the customer's stream.
    const reaction = await runProjection(
      consentRevocationReaction(
        vault,
        eraseCustomerReadModels({ cards: readModels.cards, documents: documentService }),
        log,
      ),
      events,
      documents,
      log,
    );
    await events.append(
      `customer-${customerId}`,
      [
        {
          id: '2c9f1e47-0b6a-4d3c-8e5f-7a1b2c3d4e5f',
          type: 'CustomerConsentRevoked',
          data: { customerId, revokedAt: now().toISOString() },
          metadata: {
            schemaVersion: 1,
            actor: `customer:${customerId}`,
            correlationId: 'test',
            causationId: null,
          },
        },
      ],
      { expectedRevision: 'any' },
    );
    await reaction.caughtUp();
    await Promise.all([...running, reaction].map((projection) => projection.stop()));

    // Then nothing personal is left in any read model, not even as ciphertext.
    const everything = JSON.stringify({
      ...(await snapshot()),
      documents: (
        await (
          await UploadedFileRepository.open(documents, 'claim_documents')
        ).collection.find({ first: 100 })
      ).items,
    });
    for (const plain of PLAINTEXTS) expect(everything).not.toContain(plain);
    expect(everything).not.toContain('"sealed"');
    // And the log still replays to the same claim, with the personal parts unreadable.
    const after = await loadClaim(events, CLAIM_ID);
    expect(after.state).toEqual(before.state);
    const reader = new ClaimCardReader(events, readModels.cards, vault);
    const replayed = await reader.current(CLAIM_ID, 'a cursor no stored card has');
    expect(replayed?.timeline).toHaveLength(6);
    expect(await reader.open(replayed!)).toEqual([null, null, null, null, null, null]);
  });
});
