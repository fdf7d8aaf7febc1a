/**
 * Analysts' command line over the claim log (no personal data is ever printed):
 *   replay <claim number|id> [--as-of <ISO time>]   the timeline and the resulting state
 *   export --since <cursor|ISO time> --format jsonl|csv   the log from there on
 *   rebuild   every claim read model from the start of the log, with counts and time (refused while the
 *             claims service runs: its projections would write beside the rebuild)
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDocumentStore } from '@cabinet/platform/documents';
import { openEventStore } from '@cabinet/platform/eventstore';
import { LeaseHeld, type HeldLease } from '@cabinet/platform/leases';
import { createLogger } from '@cabinet/platform/logging';
import { runProjection } from '@cabinet/platform/projections';
import { claimLogPositionAt, readClaimLog, type AnalystClaimEvent } from '../claim/analytics/claimLog.ts';
import { claimStreamId } from '../claim/domain/claimStreamId.ts';
import { foldClaimCard } from '../claim/readModel/claimCardFold.ts';
import { openClaimReadModels } from '../claim/readModel/claimReadModels.ts';
import { holdReadModelsForRebuild } from '../claim/readModel/readModelLease.ts';
import { loadClaimsConfig } from '../config.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CSV_COLUMNS = [
  'cursor',
  'eventId',
  'claimId',
  'type',
  'revision',
  'occurredAt',
  'recordedAt',
  'actor',
  'data',
] as const;
/** The platform runner's checkpoint collection: a rebuild drops a projection's checkpoint to start over. */
const CHECKPOINTS = { name: 'projection_checkpoints', indexes: [] } as const;

const config = loadClaimsConfig();
const log = createLogger('claims-cli', 'warn');
const events = await openEventStore({
  url: config.EVENTSTORE_URL,
  sqliteFile: join(config.DATA_DIR, 'events.sqlite'),
});
const documents = await openDocumentStore({
  mongodbUrl: config.MONGODB_URL,
  database: 'claims',
  sqliteFile: join(config.DATA_DIR, 'claims', 'documents.sqlite'),
});
const out = (line: string) => process.stdout.write(`${line}\n`);

function csvField(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function replay(reference: string, asOf: Date | undefined): Promise<number> {
  const readModels = await openClaimReadModels(documents);
  let claimId = UUID.test(reference) ? reference : undefined;
  if (!claimId) {
    const found = await readModels.summaries.collection.find({ where: { claimNumber: reference }, first: 1 });
    claimId = found.items[0]?.id;
  }
  const recorded = claimId ? await events.read(claimStreamId(claimId)) : [];
  const card = foldClaimCard(
    recorded.filter((event) => !asOf || event.recordedAt.getTime() <= asOf.getTime()),
  );
  if (!card) {
    process.stderr.write(`no claim ${reference}${asOf ? ` as of ${asOf.toISOString()}` : ''}\n`);
    return 1;
  }
  for (const entry of card.timeline) {
    out(
      `${entry.at}  ${entry.actor.padEnd(44)}  ${entry.statusBefore ?? '—'} → ${entry.statusAfter}  ${entry.what}`,
    );
  }
  out(
    JSON.stringify(
      { state: card.claim, submittedAt: card.submittedAt, updatedAt: card.updatedAt, cursor: card.cursor },
      null,
      2,
    ),
  );
  return 0;
}

async function exportLog(since: string | undefined, format: string): Promise<number> {
  if (format !== 'jsonl' && format !== 'csv') {
    process.stderr.write('--format is jsonl or csv\n');
    return 2;
  }
  const time = since && /^\d{4}-\d{2}-\d{2}/.test(since) ? new Date(since) : undefined;
  if (time && Number.isNaN(time.getTime())) {
    process.stderr.write(`--since: not a time: ${since}\n`);
    return 2;
  }
  let after = time ? await claimLogPositionAt(events, time) : since;
  const write = (event: AnalystClaimEvent) =>
    out(
      format === 'jsonl'
        ? JSON.stringify(event)
        : CSV_COLUMNS.map((column) => csvField(event[column])).join(','),
    );
  if (format === 'csv') out(CSV_COLUMNS.join(','));
  for (;;) {
    const page = await readClaimLog(events, { after, first: 100 });
    page.events.forEach(write);
    if (!page.hasNextPage || page.endCursor === null) return 0;
    after = page.endCursor;
  }
}

async function rebuild(): Promise<number> {
  let lease: HeldLease;
  try {
    lease = await holdReadModelsForRebuild(
      documents,
      `a rebuild (pid ${process.pid} on ${hostname()})`,
      () => new Date(),
    );
  } catch (error) {
    if (!(error instanceof LeaseHeld)) throw error;
    process.stderr.write(
      `${error.holder} is using the read models (lease until ${error.heldUntil.toISOString()}): stop it, then rebuild\n`,
    );
    return 1;
  }
  try {
    const readModels = await openClaimReadModels(documents);
    const checkpoints = await documents.collection(CHECKPOINTS);
    const collections = {
      'claim-summaries': readModels.summaries.collection,
      'claim-cards': readModels.cards.collection,
      'claim-queue': readModels.queue.collection,
    };
    for (const projection of readModels.projections) {
      const started = performance.now();
      await lease.renew();
      await projection.reset();
      await checkpoints.delete(projection.name);
      const running = await runProjection(projection, events, documents, log);
      await running.caughtUp();
      await running.stop();
      const collection = collections[projection.name as keyof typeof collections];
      const count = collection ? await collection.count() : 0;
      out(`${projection.name}: ${count} documents in ${(performance.now() - started).toFixed(0)} ms`);
    }
    return 0;
  } finally {
    await lease.release();
  }
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'as-of': { type: 'string' },
    since: { type: 'string' },
    format: { type: 'string', default: 'jsonl' },
  },
});
const [commandName, reference] = positionals;
let exitCode: number;
try {
  if (commandName === 'replay' && reference) {
    exitCode = await replay(reference, values['as-of'] ? new Date(values['as-of']) : undefined);
  } else if (commandName === 'export') {
    exitCode = await exportLog(values.since, values.format);
  } else if (commandName === 'rebuild') {
    exitCode = await rebuild();
  } else {
    process.stderr.write(
      'usage: claims replay <claim number|id> [--as-of <ISO time>] | export --since <cursor|time> --format jsonl|csv | rebuild\n',
    );
    exitCode = 2;
  }
} finally {
  await events.close();
  await documents.close();
}
process.exitCode = exitCode;
