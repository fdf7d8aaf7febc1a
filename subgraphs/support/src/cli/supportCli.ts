/**
 * `npm run support -- rebuild`: rebuilds the support read models (the customers' inboxes and the
 * operators' queue) from the conversation log. Refused while the support service runs: its projections
 * would write beside the rebuild. An embedded store is only read where `npm start` made one.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { holdReadModelsForRebuild, LeaseHeld } from '@cabinet/platform/leases';
import { createLogger } from '@cabinet/platform/logging';
import { CustomerKeyVault } from '@cabinet/platform/privacy';
import { rebuildProjection } from '@cabinet/platform/projections';
import { loadSupportConfig } from '../config.ts';
import {
  openSupportReadModels,
  SUPPORT_READ_MODELS,
  supportProjections,
} from '../conversation/storage/supportReadModels.ts';
import {
  openSupportDocuments,
  openSupportEvents,
  openSupportReadModelDocuments,
} from '../conversation/storage/supportStores.ts';

const USAGE =
  'usage: npm run support -- rebuild   rebuild the inboxes and the queue from the conversation log';

const out = (line: string) => process.stdout.write(`${line}\n`);

async function rebuild(): Promise<number> {
  const config = loadSupportConfig();
  if (!config.MONGODB_URL && !existsSync(join(config.DATA_DIR, 'support', 'documents.sqlite'))) {
    process.stderr.write(
      `support: no support data in ${resolve(config.DATA_DIR)} (DATA_DIR): start the system once (npm start)\n`,
    );
    return 1;
  }
  const documents = await openSupportDocuments(config);
  const events = await openSupportEvents(config, await CustomerKeyVault.open(documents, () => new Date()));
  const readModelDocuments = await openSupportReadModelDocuments(config);
  try {
    const lease = await holdReadModelsForRebuild(
      documents,
      SUPPORT_READ_MODELS,
      `a rebuild (pid ${process.pid} on ${hostname()})`,
      () => new Date(),
    ).catch((error: unknown) => {
      if (!(error instanceof LeaseHeld)) throw error;
      process.stderr.write(
        `${error.holder} is using the read models (lease until ${error.heldUntil.toISOString()}): stop it, then rebuild\n`,
      );
      return null;
    });
    if (lease === null) return 1;
    try {
      const readModels = await openSupportReadModels(readModelDocuments);
      const log = createLogger('support-cli', 'warn');
      const [inbox, queue] = supportProjections(readModels);
      for (const [projection, list] of [
        [inbox, readModels.inbox],
        [queue, readModels.queue],
      ] as const) {
        if (!projection) continue;
        const started = performance.now();
        await lease.renew();
        await rebuildProjection(projection, events, readModelDocuments, log);
        out(
          `${projection.name}: ${await list.collection.count()} documents in ${(performance.now() - started).toFixed(0)} ms`,
        );
      }
      return 0;
    } finally {
      await lease.release();
    }
  } finally {
    await events.close();
    await readModelDocuments.close();
    await documents.close();
  }
}

async function main(args: readonly string[]): Promise<number> {
  if (args.length === 1 && args[0] === 'rebuild') return rebuild();
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    out(USAGE);
    return 0;
  }
  process.stderr.write(`support: unknown arguments ${JSON.stringify(args)}\n${USAGE}\n`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
