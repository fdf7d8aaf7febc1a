/**
 * A claims instance as far as its read models go: it leads claims' read-model projections, or stands
 * by while another instance leads them, exactly as the claims service does, with a short lease so a
 * takeover is quick. Its log lines (JSON on stdout) say when it leads, with its fencing token, and when
 * it stands by. The event store is SQLite; the documents are MongoDB when MONGODB_URL is set.
 */
import { leadClaimReadModels } from '@cabinet/claims/testing';
import { openDocumentStore } from '@cabinet/platform/documents';
import { SqliteEventStore } from '@cabinet/platform/eventstore';
import { createLogger } from '@cabinet/platform/logging';

const [eventsFile, documentsFile, database] = process.argv.slice(2);
if (eventsFile === undefined || documentsFile === undefined || database === undefined)
  throw new Error('usage: claimsReadModelInstance <events file> <documents file> <MongoDB database>');

const events = new SqliteEventStore({ file: eventsFile });
const documents = await openDocumentStore({
  sqliteFile: documentsFile,
  database,
  ...(process.env.MONGODB_URL ? { mongodbUrl: process.env.MONGODB_URL } : {}),
});
await leadClaimReadModels(
  { events, documents },
  {
    // A service's clock: leases expire on the real time the other instance reads too.
    now: () => new Date(),
    log: createLogger('claims', 'info'),
    timing: { ttlMs: 2_000, renewEveryMs: 100 },
  },
);
// The leadership's timers do not keep a process alive (a service's server does): stdin does, until killed.
process.stdin.resume();
