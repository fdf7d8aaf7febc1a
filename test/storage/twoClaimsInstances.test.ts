import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CLAIM_SUMMARIES,
  ClaimCommandHandler,
  claimRulesFromConfig,
  formatClaimNumber,
  loadClaimsConfig,
  withoutActivity,
} from '@cabinet/claims/testing';
import { openDocumentStore, StaleFence, type DocumentStore } from '@cabinet/platform/documents';
import { SqliteEventStore } from '@cabinet/platform/eventstore';
import { CustomerKeyVault } from '@cabinet/platform/privacy';
import { tempDirectory } from '../contract/support/tempDirectory.ts';
import { eventually } from '../support/eventually.ts';
import { startChild, stopChild, type Child } from './children/childProcess.ts';

const instanceScript = join(import.meta.dirname, 'children', 'claimsReadModelInstance.ts');
const SUBMITTED_AT = new Date('2026-03-02T09:00:00Z');

const stores = [
  { title: 'SQLite documents', mongodbUrl: undefined, available: true },
  {
    title: process.env.MONGODB_URL
      ? 'MongoDB documents'
      : 'MongoDB documents (skipped: MONGODB_URL is not set)',
    mongodbUrl: process.env.MONGODB_URL || undefined,
    available: Boolean(process.env.MONGODB_URL),
  },
];

interface LogLine {
  readonly msg?: string;
  readonly token?: number;
}
const logged = (message: string) => (line: string) => {
  try {
    return (JSON.parse(line) as LogLine).msg === message;
  } catch {
    return false;
  }
};

for (const store of stores) {
  describe.runIf(store.available)(`two claims instances on one store (${store.title})`, () => {
    const directory = tempDirectory('two-claims-instances');
    const eventsFile = directory.file('events.db');
    const documentsFile = directory.file('documents.db');
    const database = `claims_${randomUUID().replaceAll('-', '')}`;
    const children: Child[] = [];
    let events: SqliteEventStore;
    let documents: DocumentStore;
    let handler: ClaimCommandHandler;

    beforeAll(async () => {
      events = new SqliteEventStore({ file: eventsFile });
      documents = await openDocumentStore({
        sqliteFile: documentsFile,
        database,
        ...(store.mongodbUrl === undefined ? {} : { mongodbUrl: store.mongodbUrl }),
      });
      handler = new ClaimCommandHandler(
        events,
        await CustomerKeyVault.open(documents, () => SUBMITTED_AT),
        claimRulesFromConfig(loadClaimsConfig({})),
        withoutActivity,
      );
    });
    afterEach(async () => {
      await Promise.all(children.map(stopChild));
    });
    afterAll(async () => {
      await events.close();
      await documents.close();
      directory.remove();
    });

    const start = () => {
      const child = startChild(instanceScript, [eventsFile, documentsFile, database]);
      children.push(child);
      return child;
    };
    const tokenOf = async (child: Child) =>
      (JSON.parse(await child.waitForLine(logged('leading the read models'))) as LogLine).token;
    let sequence = 0;
    const submitClaim = async () => {
      const claimId = randomUUID();
      sequence += 1;
      await handler.execute(
        claimId,
        {
          type: 'SubmitClaim',
          actor: { kind: 'customer', customerId: randomUUID() },
          data: {
            claimId,
            claimNumber: formatClaimNumber({ year: 2026, sequence }),
            policy: {
              policyId: randomUUID(),
              policyNumber: `ХХХ ${String(sequence).padStart(10, '0')}`,
              product: 'KASKO',
              soldByPartnerId: null,
            },
            incident: { occurredOn: '2026-03-01', kind: 'ДТП', place: 'Москва', description: 'Столкновение' },
            contact: { phone: '+79001234567', email: null },
            noticeEmail: null,
            noticeName: null,
            customerName: 'Иванов Иван Иванович',
            documents: [],
          },
          metadata: { commandId: randomUUID(), fingerprint: randomUUID(), now: SUBMITTED_AT },
        },
        { correlationId: randomUUID() },
      );
      return claimId;
    };
    const summaryOf = async (claimId: string) =>
      eventually(async () => (await documents.collection(CLAIM_SUMMARIES)).get(claimId), {
        what: `the summary of claim ${claimId}`,
      });

    it(
      'one instance writes the read models while the other stands by, and the other takes over with a greater token when the leader is killed',
      { timeout: 60_000 },
      async () => {
        // Given a leader and a standby
        const first = start();
        const firstToken = await tokenOf(first);
        const second = start();
        await second.waitForLine(logged('standing by: another holder writes the read models'));
        const before = await submitClaim();
        expect(await summaryOf(before)).toMatchObject({ version: 1 });

        // When the leader is killed
        await stopChild(first);

        // Then the standby leads with a greater token and keeps the read models
        const secondToken = await tokenOf(second);
        expect(secondToken).toBeGreaterThan(firstToken ?? Infinity);
        const after = await submitClaim();
        const summary = await summaryOf(after);

        // And a write under the dead leader's token is refused where its successor wrote
        const stale = await documents.collection(CLAIM_SUMMARIES, { fence: firstToken ?? 0 });
        await expect(stale.upsertIfNewer(after, summary.data, 1_000)).rejects.toBeInstanceOf(StaleFence);
        expect(second.lines.filter(logged('leading the read models'))).toHaveLength(1);
      },
    );
  });
}
