/**
 * Analysts' command line over the claim log (no personal data is ever printed); see CLAIMS_CLI_USAGE.
 * `rebuild` is refused while the claims service runs: its projections would write beside the rebuild.
 * The arguments are checked before any store is opened, and an embedded store is only read where
 * `npm start` made one: the command line never creates a data directory.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError } from '@cabinet/platform/config';
import type { DocumentStore } from '@cabinet/platform/documents';
import type { EventStore } from '@cabinet/platform/eventstore';
import { holdReadModelsForRebuild, LeaseHeld, type HeldLease } from '@cabinet/platform/leases';
import { createLogger } from '@cabinet/platform/logging';
import { rebuildProjection } from '@cabinet/platform/projections';
import { claimLogPositionAt, readClaimLog, type AnalystClaimEvent } from '../claim/storage/claimLog.ts';
import { claimStreamId } from '../claim/domain/claimStreamId.ts';
import { foldClaimCard } from '../claim/storage/claimCardFold.ts';
import { CLAIM_READ_MODELS, openClaimReadModels } from '../claim/storage/claimReadModels.ts';
import { embeddedClaimsFiles, openClaimsDocuments, openClaimsEvents } from '../claimsStorage.ts';
import { loadClaimsConfig, type ClaimsConfig } from '../config.ts';
import {
  CLAIMS_CLI_USAGE,
  parseClaimsCliArguments,
  UsageError,
  type ClaimsCliCommand,
} from './claimsCliArguments.ts';

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
  'correlationId',
  'causationId',
  'data',
] as const;

const log = createLogger('claims-cli', 'warn');
const out = (line: string) => process.stdout.write(`${line}\n`);

function csvField(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function replay(
  { events, documents }: Stores,
  reference: string,
  asOf: Date | undefined,
): Promise<number> {
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
  const metadataOf = new Map(recorded.map((event) => [event.id, event.metadata]));
  for (const entry of card.timeline) {
    const metadata = metadataOf.get(entry.eventId);
    out(
      `${entry.at}  ${entry.actor.padEnd(44)}  ${entry.statusBefore ?? '—'} → ${entry.statusAfter}  ${entry.what}` +
        `  [correlation ${metadata?.correlationId ?? '—'}, causation ${metadata?.causationId ?? '—'}]`,
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

async function exportLog(
  { events }: Stores,
  since: Date | string | undefined,
  format: 'jsonl' | 'csv',
): Promise<number> {
  let after = since instanceof Date ? await claimLogPositionAt(events, since) : since;
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

async function rebuild({ events, documents }: Stores): Promise<number> {
  let lease: HeldLease;
  try {
    lease = await holdReadModelsForRebuild(
      documents,
      CLAIM_READ_MODELS,
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
    const collections = {
      'claim-summaries': readModels.summaries.collection,
      'claim-cards': readModels.cards.collection,
      'claim-queue': readModels.queue.collection,
    };
    for (const projection of readModels.projections) {
      const started = performance.now();
      await lease.renew();
      await rebuildProjection(projection, events, documents, log);
      const collection = collections[projection.name as keyof typeof collections];
      const count = collection ? await collection.count() : 0;
      out(`${projection.name}: ${count} documents in ${(performance.now() - started).toFixed(0)} ms`);
    }
    return 0;
  } finally {
    await lease.release();
  }
}

interface Stores {
  readonly events: EventStore;
  readonly documents: DocumentStore;
}

/** The stores `npm start` (or production) filled; undefined when the embedded ones were never made. */
async function openStores(config: ClaimsConfig): Promise<Stores | undefined> {
  const files = embeddedClaimsFiles(config);
  if (
    (!config.EVENTSTORE_URL && !existsSync(files.events)) ||
    (!config.MONGODB_URL && !existsSync(files.documents))
  ) {
    return undefined;
  }
  return { events: await openClaimsEvents(config), documents: await openClaimsDocuments(config) };
}

async function run(stores: Stores, command: Exclude<ClaimsCliCommand, { kind: 'help' }>): Promise<number> {
  switch (command.kind) {
    case 'replay':
      return replay(stores, command.reference, command.asOf);
    case 'export':
      return exportLog(stores, command.since, command.format);
    case 'rebuild':
      return rebuild(stores);
  }
}

async function main(args: readonly string[]): Promise<number> {
  let command: ClaimsCliCommand;
  try {
    command = parseClaimsCliArguments(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`claims: ${error.message}\n${CLAIMS_CLI_USAGE}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    out(CLAIMS_CLI_USAGE);
    return 0;
  }
  const config = loadClaimsConfig();
  const stores = await openStores(config);
  if (!stores) {
    process.stderr.write(
      `claims: no claims data in ${resolve(config.DATA_DIR)} (DATA_DIR): start the system once (npm start), or set DATA_DIR to its data\n`,
    );
    return 1;
  }
  try {
    return await run(stores, command);
  } finally {
    await stores.events.close();
    await stores.documents.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    `claims: ${error instanceof ConfigError ? error.message : `failed: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exitCode = 1;
}
