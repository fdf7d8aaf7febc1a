import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Collection, DocumentStore, FindQuery } from '@cabinet/platform/documents';
import { DuplicateKey, StaleFence, VersionConflict } from '@cabinet/platform/documents';
import { DomainError } from '@cabinet/kernel';
import { documentStoreAdapters, freshCollectionName } from './support/documentStoreAdapters.ts';

interface CodedDoc {
  readonly customerId?: string;
  readonly code?: string | null;
}

interface PolicyDoc {
  readonly number: string;
  readonly holderId: string | null;
  readonly premium: number;
  readonly active: boolean;
  readonly period: { readonly end: string };
  readonly note?: string;
}

const policy = (n: number, overrides: Partial<PolicyDoc> = {}): PolicyDoc => ({
  number: `P-${String(n).padStart(3, '0')}`,
  holderId: `h${n % 3}`,
  premium: (n % 4) * 1000,
  active: n % 2 === 0,
  period: { end: `2026-0${(n % 9) + 1}-01` },
  ...overrides,
});

for (const adapter of documentStoreAdapters()) {
  describe.runIf(adapter.available)(`${adapter.title}: document store contract`, () => {
    let store: DocumentStore;
    let policies: Collection<PolicyDoc>;

    beforeEach(async () => {
      store = await adapter.open();
      policies = await store.collection<PolicyDoc>({
        name: freshCollectionName(),
        indexes: [
          { fields: ['number'], unique: true },
          { fields: ['holderId', 'premium'] },
          { fields: ['active'] },
          { fields: ['period.end'] },
        ],
      });
    });
    afterEach(() => store.close());
    afterAll(() => adapter.cleanUp());

    async function insertPolicies(count: number): Promise<void> {
      for (let n = 1; n <= count; n += 1)
        await policies.insert(`id-${String(n).padStart(2, '0')}`, policy(n));
    }

    async function allPages(query: Omit<FindQuery, 'after'>): Promise<{ ids: string[]; pages: number }> {
      const ids: string[] = [];
      let after: string | undefined;
      let pages = 0;
      for (;;) {
        const page = await policies.find({ ...query, after });
        pages += 1;
        ids.push(...page.items.map((item) => item.id));
        if (!page.hasNextPage) return { ids, pages };
        after = page.endCursor ?? undefined;
      }
    }

    describe('insert and get', () => {
      it('stores a document at version 1 and reads it back', async () => {
        const inserted = await policies.insert('a', policy(1, { note: 'примечание' }));

        expect(inserted).toEqual({ id: 'a', version: 1, data: policy(1, { note: 'примечание' }) });
        expect(await policies.get('a')).toEqual(inserted);
      });

      it('reads a missing document as null', async () => {
        expect(await policies.get('missing')).toBeNull();
      });

      it('refuses a taken id', async () => {
        await policies.insert('a', policy(1));

        const error: unknown = await policies.insert('a', policy(2)).catch((rejection: unknown) => rejection);

        expect(error).toBeInstanceOf(DuplicateKey);
        expect(error).toMatchObject({ fields: ['id'] });
        expect((await policies.get('a'))?.data).toEqual(policy(1));
      });

      it('refuses a value taken in a unique index, naming its fields', async () => {
        await policies.insert('a', policy(1));

        const error: unknown = await policies.insert('b', policy(1)).catch((rejection: unknown) => rejection);

        expect(error).toBeInstanceOf(DuplicateKey);
        expect(error).toMatchObject({ fields: ['number'] });
        expect(await policies.get('b')).toBeNull();
      });
    });

    describe('replace with an expected version', () => {
      it('writes and bumps the version when the version matches', async () => {
        await policies.insert('a', policy(1));

        const replaced = await policies.replace('a', policy(1, { premium: 5 }), 1);

        expect(replaced).toEqual({ id: 'a', version: 2, data: policy(1, { premium: 5 }) });
        expect(await policies.get('a')).toEqual(replaced);
      });

      it.each([
        { case: 'a stale version', expected: 1, actual: 2 },
        { case: 'a version from the future', expected: 5, actual: 2 },
      ])('reports $case as a conflict with both versions', async ({ expected, actual }) => {
        await policies.insert('a', policy(1));
        await policies.replace('a', policy(1, { premium: 5 }), 1);

        const error: unknown = await policies
          .replace('a', policy(1, { premium: 9 }), expected)
          .catch((rejection: unknown) => rejection);

        expect(error).toBeInstanceOf(VersionConflict);
        expect(error).toMatchObject({ id: 'a', expectedVersion: expected, actualVersion: actual });
        expect((await policies.get('a'))?.data.premium).toBe(5);
      });

      it('reports a missing document as a conflict with no actual version', async () => {
        await expect(policies.replace('gone', policy(1), 1)).rejects.toMatchObject({
          name: 'VersionConflict',
          actualVersion: null,
        });
      });

      it('refuses a replace that would duplicate a unique value', async () => {
        await policies.insert('a', policy(1));
        await policies.insert('b', policy(2));

        await expect(policies.replace('b', policy(1), 1)).rejects.toBeInstanceOf(DuplicateKey);
        expect((await policies.get('b'))?.version).toBe(1);
      });
    });

    describe('delete', () => {
      it('deletes once and reports whether there was something to delete', async () => {
        await policies.insert('a', policy(1));

        expect(await policies.delete('a')).toBe(true);
        expect(await policies.delete('a')).toBe(false);
        expect(await policies.get('a')).toBeNull();
      });
    });

    describe('find by indexed fields', () => {
      it.each<{ case: string; where: FindQuery['where']; numbers: number[] }>([
        { case: 'equality', where: { holderId: 'h1' }, numbers: [1, 4, 7, 10] },
        { case: 'equality on two fields', where: { holderId: 'h1', premium: 1000 }, numbers: [1] },
        { case: 'a boolean', where: { active: true }, numbers: [2, 4, 6, 8, 10] },
        { case: 'a nested path', where: { 'period.end': '2026-03-01' }, numbers: [2] },
        { case: 'membership', where: { number: { in: ['P-002', 'P-005', 'P-404'] } }, numbers: [2, 5] },
        { case: 'an open range', where: { premium: { gt: 1000 } }, numbers: [2, 3, 6, 7, 10] },
        {
          case: 'a closed range',
          where: { premium: { gte: 1000, lte: 2000 } },
          numbers: [1, 2, 5, 6, 9, 10],
        },
        { case: 'a string range', where: { 'period.end': { lt: '2026-03-01' } }, numbers: [1, 9, 10] },
        { case: 'null', where: { holderId: null }, numbers: [11] },
        { case: 'null in a membership', where: { holderId: { in: [null, 'h0'] } }, numbers: [3, 6, 9, 11] },
      ])('filters by $case', async ({ where, numbers }) => {
        await insertPolicies(10);
        await policies.insert(
          'id-11',
          policy(11, { holderId: null, premium: 0, period: { end: '2026-12-01' } }),
        );

        const page = await policies.find({ where, first: 100 });

        expect(page.items.map((item) => item.data.number).sort()).toEqual(
          numbers.map((n) => `P-${String(n).padStart(3, '0')}`),
        );
        expect(await policies.count(where)).toBe(numbers.length);
      });

      it('sorts by several keys and breaks ties by id', async () => {
        await insertPolicies(8);

        const page = await policies.find({
          first: 100,
          sort: [
            { field: 'premium', direction: 'desc' },
            { field: 'active', direction: 'asc' },
          ],
        });

        expect(page.items.map((item) => item.id)).toEqual([
          'id-03',
          'id-07',
          'id-02',
          'id-06',
          'id-01',
          'id-05',
          'id-04',
          'id-08',
        ]);
      });

      it.each<{ case: string; query: Omit<FindQuery, 'after' | 'first'> }>([
        { case: 'id order', query: {} },
        { case: 'an ascending key with ties', query: { sort: [{ field: 'premium', direction: 'asc' }] } },
        { case: 'a descending key with nulls', query: { sort: [{ field: 'holderId', direction: 'desc' }] } },
        { case: 'an ascending key with nulls', query: { sort: [{ field: 'holderId', direction: 'asc' }] } },
        {
          case: 'a filter and two keys',
          query: {
            where: { premium: { gte: 1000 } },
            sort: [
              { field: 'holderId', direction: 'asc' },
              { field: 'premium', direction: 'desc' },
            ],
          },
        },
      ])('pages by cursor in $case, each document exactly once, same as one big page', async ({ query }) => {
        await insertPolicies(12);
        await policies.insert('id-13', policy(13, { holderId: null }));
        await policies.insert('id-14', policy(14, { holderId: null }));

        const paged = await allPages({ ...query, first: 3 });
        const whole = await policies.find({ ...query, first: 100 });

        expect(paged.ids).toEqual(whole.items.map((item) => item.id));
        expect(new Set(paged.ids).size).toBe(paged.ids.length);
        expect(paged.pages).toBe(Math.ceil(paged.ids.length / 3));
      });

      it('keeps a cursor valid when documents before it are deleted', async () => {
        await insertPolicies(6);
        const first = await policies.find({ first: 3 });
        await policies.delete('id-03');

        const second = await policies.find({ first: 3, after: first.endCursor ?? undefined });

        expect(second.items.map((item) => item.id)).toEqual(['id-04', 'id-05', 'id-06']);
        expect(second.hasNextPage).toBe(false);
      });

      it('returns an empty last page without a cursor', async () => {
        const page = await policies.find({ where: { holderId: 'nobody' }, first: 5 });

        expect(page).toEqual({ items: [], endCursor: null, hasNextPage: false });
      });

      it('refuses to filter or sort on a field without an index', async () => {
        await expect(policies.find({ where: { note: 'x' }, first: 5 })).rejects.toThrow(
          /not an indexed field/,
        );
        await expect(
          policies.find({ sort: [{ field: 'note', direction: 'asc' }], first: 5 }),
        ).rejects.toThrow(/not an indexed field/);
      });

      it('rejects a malformed cursor as bad input', async () => {
        await expect(policies.find({ first: 5, after: 'garbage' })).rejects.toBeInstanceOf(DomainError);
      });
    });

    describe('unique indexes', () => {
      it('hold only documents with a value: any number may miss the field or hold null, a taken value is refused', async () => {
        const coded = await store.collection<CodedDoc>({
          name: freshCollectionName(),
          indexes: [{ fields: ['code'], unique: true }],
        });

        await coded.insert('a', {});
        await coded.insert('b', {});
        await coded.insert('c', { code: null });
        await coded.insert('d', { code: null });
        await coded.insert('e', { code: 'x' });

        await expect(coded.insert('f', { code: 'x' })).rejects.toMatchObject({
          name: 'DuplicateKey',
          fields: ['code'],
        });
        expect(await coded.count()).toBe(5);
      });

      it('of several fields hold only documents with a value in every field', async () => {
        const coded = await store.collection<CodedDoc>({
          name: freshCollectionName(),
          indexes: [{ fields: ['customerId', 'code'], unique: true }],
        });

        await coded.insert('a', { customerId: 'c1' });
        await coded.insert('b', { customerId: 'c1' });
        await coded.insert('c', { customerId: 'c1', code: 'x' });
        await coded.insert('d', { customerId: 'c2', code: 'x' });

        await expect(coded.insert('e', { customerId: 'c1', code: 'x' })).rejects.toBeInstanceOf(DuplicateKey);
      });
    });

    describe('indexes follow the spec the collection is opened with', () => {
      it('drops a unique index no longer declared unique, so it refuses nothing any more', async () => {
        const name = freshCollectionName();
        const unique = await store.collection<CodedDoc>({
          name,
          indexes: [{ fields: ['code'], unique: true }],
        });
        await unique.insert('a', { code: 'x' });

        const plain = await store.collection<CodedDoc>({ name, indexes: [{ fields: ['code'] }] });
        await plain.insert('b', { code: 'x' });

        expect(await plain.count({ code: 'x' })).toBe(2);
      });

      it('drops an index no longer declared at all, and builds a newly declared one over what is stored', async () => {
        const name = freshCollectionName();
        const byCode = await store.collection<CodedDoc>({
          name,
          indexes: [{ fields: ['code'], unique: true }],
        });
        await byCode.insert('a', { customerId: 'c1', code: 'x' });

        const byCustomer = await store.collection<CodedDoc>({
          name,
          indexes: [{ fields: ['customerId'], unique: true }],
        });
        await byCustomer.insert('b', { customerId: 'c2', code: 'x' });

        await expect(byCustomer.insert('c', { customerId: 'c1' })).rejects.toMatchObject({
          fields: ['customerId'],
        });
        expect((await byCustomer.find({ where: { customerId: 'c2' }, first: 5 })).items).toHaveLength(1);
      });
    });

    describe('fenced writes', () => {
      const spec = () => ({ name: freshCollectionName(), indexes: [{ fields: ['number'], unique: true }] });

      it('refuse a writer whose token is older than the one the document was last written under', async () => {
        const collection = spec();
        const older = await store.collection<PolicyDoc>(collection, { fence: 1 });
        const newer = await store.collection<PolicyDoc>(collection, { fence: 2 });
        expect(await older.upsertIfNewer('a', policy(1, { premium: 1 }), 1)).toBe(true);
        expect(await newer.upsertIfNewer('a', policy(1, { premium: 2 }), 2)).toBe(true);

        const refused: unknown = await older
          .upsertIfNewer('a', policy(1, { premium: 3 }), 3)
          .catch((error: unknown) => error);
        await expect(older.replace('a', policy(1, { premium: 4 }), 2)).rejects.toBeInstanceOf(StaleFence);
        await expect(older.delete('a')).rejects.toBeInstanceOf(StaleFence);

        expect(refused).toBeInstanceOf(StaleFence);
        expect(refused).toMatchObject({ id: 'a', token: 1, storedToken: 2 });
        expect(await newer.get('a')).toMatchObject({ version: 2, data: { premium: 2 } });
      });

      it('let the newest writer on, and an older one on documents no newer writer has touched', async () => {
        const collection = spec();
        const older = await store.collection<PolicyDoc>(collection, { fence: 1 });
        const newer = await store.collection<PolicyDoc>(collection, { fence: 2 });
        await older.upsertIfNewer('a', policy(1), 5);

        expect(await newer.upsertIfNewer('a', policy(1, { premium: 9 }), 5)).toBe(false);
        expect(await newer.upsertIfNewer('a', policy(1, { premium: 9 }), 6)).toBe(true);
        expect(await older.upsertIfNewer('b', policy(2), 1)).toBe(true);
        await newer.insert('c', policy(3));
        expect(await newer.replace('c', policy(3, { premium: 1 }), 1)).toMatchObject({ version: 2 });
        expect(await newer.delete('c')).toBe(true);
      });

      it('leave writes without a token unchecked', async () => {
        const collection = spec();
        const fenced = await store.collection<PolicyDoc>(collection, { fence: 7 });
        const unfenced = await store.collection<PolicyDoc>(collection);
        await fenced.insert('a', policy(1));

        expect(await unfenced.replace('a', policy(1, { premium: 1 }), 1)).toMatchObject({ version: 2 });
        expect(await unfenced.upsertIfNewer('a', policy(1, { premium: 2 }), 1)).toBe(true);
        await expect(
          (await store.collection<PolicyDoc>(collection, { fence: 6 })).upsertIfNewer('a', policy(1), 2),
        ).rejects.toBeInstanceOf(StaleFence);
      });
    });

    describe('upsert if newer', () => {
      it('inserts a missing document, then writes only newer revisions', async () => {
        expect(await policies.upsertIfNewer('a', policy(1, { premium: 1 }), 5)).toBe(true);
        expect(await policies.upsertIfNewer('a', policy(1, { premium: 2 }), 4)).toBe(false);
        expect(await policies.upsertIfNewer('a', policy(1, { premium: 3 }), 5)).toBe(false);
        expect(await policies.upsertIfNewer('a', policy(1, { premium: 4 }), 6)).toBe(true);

        expect(await policies.get('a')).toEqual({ id: 'a', version: 2, data: policy(1, { premium: 4 }) });
      });

      it('overwrites a document that was inserted without a revision', async () => {
        await policies.insert('a', policy(1));

        expect(await policies.upsertIfNewer('a', policy(1, { premium: 7 }), 0)).toBe(true);
        expect((await policies.get('a'))?.data.premium).toBe(7);
      });

      it('honours unique indexes', async () => {
        await policies.insert('a', policy(1));

        await expect(policies.upsertIfNewer('b', policy(1), 1)).rejects.toBeInstanceOf(DuplicateKey);
      });
    });
  });
}
