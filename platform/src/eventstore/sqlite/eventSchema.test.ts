import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteEventStore } from './sqliteEventStore.ts';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'event-schema-'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

/** The events table as logs written before command fingerprints have it. */
function writeLogWithoutFingerprints(file: string): void {
  const db = new DatabaseSync(file);
  db.exec(`
    CREATE TABLE events (
      position INTEGER PRIMARY KEY AUTOINCREMENT,
      stream TEXT NOT NULL,
      category TEXT,
      revision INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      type TEXT NOT NULL,
      data TEXT NOT NULL,
      schema_version INTEGER NOT NULL,
      actor TEXT NOT NULL,
      correlation_id TEXT NOT NULL,
      causation_id TEXT,
      recorded_at INTEGER NOT NULL,
      UNIQUE (stream, revision),
      UNIQUE (stream, event_id)
    );
    INSERT INTO events (stream, category, revision, event_id, type, data, schema_version, actor,
      correlation_id, causation_id, recorded_at)
    VALUES ('claim-1', 'claim', 0, 'event-1', 'Old', '{}', 1, 'system:test', 'request-1', 'command-1', 0);
  `);
  db.close();
}

describe('the SQLite event schema', () => {
  it('adds the command fingerprint to a log written before it, keeping the old events', async () => {
    const file = join(directory, 'events.sqlite');
    writeLogWithoutFingerprints(file);
    const store = new SqliteEventStore({ file, now: () => new Date('2026-04-20T09:00:00Z') });
    try {
      await store.append(
        'claim-1',
        [
          {
            id: randomUUID(),
            type: 'New',
            data: {},
            metadata: {
              schemaVersion: 1,
              actor: 'system:test',
              correlationId: 'request-2',
              causationId: 'command-2',
              commandFingerprint: 'fingerprint-2',
            },
          },
        ],
        { expectedRevision: 0n },
      );

      const [old, appended] = await store.read('claim-1');

      expect(old?.metadata).toEqual({
        schemaVersion: 1,
        actor: 'system:test',
        correlationId: 'request-1',
        causationId: 'command-1',
      });
      expect(appended?.metadata.commandFingerprint).toBe('fingerprint-2');
    } finally {
      await store.close();
    }
  });
});
