import { Long, type Document } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { StaleFence } from '../port.ts';
import { MongoDocumentStore } from './mongoDocumentStore.ts';
import { startFakeMongoServer, type FakeMongoServer } from './testing/fakeMongoServer.ts';

const SCALARS = ['string', 'double', 'int', 'long', 'decimal', 'bool', 'date'];
const POLICIES = {
  name: 'policies',
  indexes: [{ fields: ['number'], unique: true }, { fields: ['holderId'] }],
} as const;

const cursor = (collection: string, documents: Document[]) => ({
  cursor: { id: Long.ZERO, ns: `cabinet.${collection}`, firstBatch: documents },
  ok: 1,
});

/**
 * A server's indexes of one collection, as MongoDB keeps them: creating a name that exists with another
 * definition fails with IndexOptionsConflict, dropping one that does not exist with IndexNotFound.
 */
function serverIndexes(initial: Document[]) {
  const indexes: Document[] = [{ v: 2, key: { _id: 1 }, name: '_id_' }, ...initial];
  const definition = (index: Document) =>
    JSON.stringify([index.key, index.unique === true, index.partialFilterExpression]);
  return {
    indexes,
    answer: (command: Document): Document | undefined => {
      if ('listIndexes' in command) return cursor('policies', indexes);
      if ('dropIndexes' in command) {
        const at = indexes.findIndex((index) => index.name === command.index);
        if (at < 0) return { ok: 0, code: 27, codeName: 'IndexNotFound', errmsg: 'index not found' };
        indexes.splice(at, 1);
        return { nIndexesWas: indexes.length + 1, ok: 1 };
      }
      if ('createIndexes' in command) {
        for (const wanted of command.indexes as Document[]) {
          const existing = indexes.find((index) => index.name === wanted.name);
          if (existing === undefined) indexes.push({ v: 2, ...wanted });
          else if (definition(existing) !== definition(wanted))
            return { ok: 0, code: 85, codeName: 'IndexOptionsConflict', errmsg: `${wanted.name} differs` };
        }
        return { numIndexesBefore: 1, numIndexesAfter: indexes.length, ok: 1 };
      }
      return undefined;
    },
  };
}

describe('MongoDB document store, through the driver against a wire-level fake server', () => {
  let server: FakeMongoServer | undefined;
  let store: MongoDocumentStore | undefined;
  const open = async (answer: (command: Document) => Document | undefined) => {
    server = await startFakeMongoServer(answer);
    store = new MongoDocumentStore({ url: server.url, database: 'cabinet' });
    return { server, store };
  };
  const sent = (name: string) => (server?.commands ?? []).filter((command) => name in command);

  afterEach(async () => {
    await store?.close();
    await server?.close();
  });

  it('makes a unique index partial, replacing one of the same name created before, and drops an undeclared one', async () => {
    // Given the indexes an earlier version created: a full unique index, and one no longer declared
    const indexes = serverIndexes([
      { v: 2, key: { 'data.number': 1 }, name: 'number_unique', unique: true },
      { v: 2, key: { 'data.status': 1 }, name: 'status' },
    ]);
    const { store } = await open(indexes.answer);

    // When the collection opens with today's spec
    await store.collection(POLICIES);

    // Then the unique index holds only documents with a value, and the stale ones are gone
    expect(sent('dropIndexes').map((command): unknown => command.index)).toEqual(['number_unique', 'status']);
    expect(indexes.indexes.map(({ v: _, ...index }: Document) => index)).toEqual([
      { key: { _id: 1 }, name: '_id_' },
      {
        key: { 'data.number': 1 },
        name: 'number_unique',
        unique: true,
        partialFilterExpression: { 'data.number': { $type: SCALARS } },
      },
      { key: { 'data.holderId': 1 }, name: 'holderId', unique: false },
    ]);
  });

  it('leaves indexes alone when they already match the spec', async () => {
    const indexes = serverIndexes([]);
    const { store } = await open(indexes.answer);
    await store.collection(POLICIES);
    const created = sent('createIndexes').length;

    await store.collection(POLICIES);

    expect(sent('createIndexes')).toHaveLength(created);
    expect(sent('dropIndexes')).toEqual([]);
  });

  it('tells an upsert that lost an insert race from one that is not newer: it updates again', async () => {
    // Given a server where another instance inserted the record between this upsert's match and insert
    let updates = 0;
    const { store } = await open((command) => {
      if ('listIndexes' in command) return cursor('policies', []);
      if ('createIndexes' in command) return { ok: 1 };
      if (!('update' in command)) return undefined;
      updates += 1;
      if (updates > 1) return { n: 1, nModified: 1, ok: 1 };
      return {
        n: 0,
        nModified: 0,
        writeErrors: [
          {
            index: 0,
            code: 11000,
            errmsg:
              'E11000 duplicate key error collection: cabinet.policies index: _id_ dup key: { _id: "a" }',
            keyPattern: { _id: 1 },
            keyValue: { _id: 'a' },
          },
        ],
        ok: 1,
      };
    });
    const policies = await store.collection(POLICIES);

    // When this instance upserts a newer revision, Then it wrote
    expect(await policies.upsertIfNewer('a', { number: 'P-1' }, 6)).toBe(true);
    const [first, second] = sent('update').map((command) => (command.updates as Document[])[0]);
    expect(first).toMatchObject({ upsert: true });
    expect(second?.upsert).not.toBe(true);
  });

  it('refuses a fenced write to a record written under a newer token', async () => {
    const { store } = await open((command) => {
      if ('listIndexes' in command) return cursor('policies', []);
      if ('createIndexes' in command) return { ok: 1 };
      if ('update' in command) return { n: 0, nModified: 0, ok: 1 };
      if ('find' in command) return cursor('policies', [{ _id: 'a', version: 3, fence: 5 }]);
      return undefined;
    });
    const policies = await store.collection(POLICIES, { fence: 4 });

    await expect(policies.replace('a', { number: 'P-1' }, 3)).rejects.toBeInstanceOf(StaleFence);
    const [update] = sent('update').map((command) => (command.updates as Document[])[0]);
    expect(update?.q).toEqual({
      $and: [{ _id: 'a', version: 3 }, { $or: [{ fence: { $exists: false } }, { fence: { $lte: 4 } }] }],
    });
    expect(update?.u).toMatchObject({ $set: { fence: 4 } });
  });
});
