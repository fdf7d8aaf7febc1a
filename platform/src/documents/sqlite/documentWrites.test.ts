import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateKey, VersionConflict } from '../port.ts';
import { SqliteDocumentStore } from './sqliteDocumentStore.ts';

interface Note {
  readonly text: string;
}

describe('document writes submitted together', () => {
  let dir: string;
  let store: SqliteDocumentStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'document-writes-'));
    store = new SqliteDocumentStore({ file: join(dir, 'documents.sqlite') });
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('settles each write alone: a refused one fails by itself and the others are committed', async () => {
    const notes = await store.collection<Note>({ name: 'notes', indexes: [] });
    await notes.insert('kept', { text: 'first' });
    const outcomes = await Promise.allSettled([
      notes.insert('a', { text: 'a' }),
      notes.insert('kept', { text: 'again' }),
      notes.replace('kept', { text: 'stale' }, 7),
      notes.replace('kept', { text: 'second' }, 1),
      notes.insert('b', { text: 'b' }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateKey);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflict);
    const other = new DatabaseSync(join(dir, 'documents.sqlite'), { readOnly: true });
    try {
      const rows = other.prepare('SELECT id, version, data FROM doc_notes ORDER BY id').all();
      expect(rows).toEqual([
        { id: 'a', version: 1, data: '{"text":"a"}' },
        { id: 'b', version: 1, data: '{"text":"b"}' },
        { id: 'kept', version: 2, data: '{"text":"second"}' },
      ]);
    } finally {
      other.close();
    }
  });

  it('commits a write submitted just before the store closes', async () => {
    const notes = await store.collection<Note>({ name: 'notes', indexes: [] });
    const written = notes.insert('late', { text: 'late' });
    await store.close();
    await expect(written).resolves.toEqual({ id: 'late', version: 1, data: { text: 'late' } });
    store = new SqliteDocumentStore({ file: join(dir, 'documents.sqlite') });
    const reopened = await store.collection<Note>({ name: 'notes', indexes: [] });
    expect((await reopened.get('late'))?.data).toEqual({ text: 'late' });
  });
});
