import type { Collection as DriverCollection, Filter } from 'mongodb';
import { MongoServerError } from 'mongodb';
import { decodeCursor, encodeCursor } from '../pageCursor.ts';
import type { Collection, CollectionSpec, FindQuery, Page, StoredDocument } from '../port.ts';
import { DuplicateKey, StaleFence, VersionConflict } from '../port.ts';
import { assertIndexedFields, assertPageSize } from '../queryFields.ts';
import type { MongoSortKey, StoredRecord } from './mongoQuery.ts';
import { afterCursorFilter, dataPath, valueAt, whereFilter } from './mongoQuery.ts';

const DUPLICATE_KEY = 11000;

/** A collection of `{ _id, version, revision?, fence?, data }` records with an index per declared index. */
export class MongoCollection<T> implements Collection<T> {
  constructor(
    private readonly records: DriverCollection<StoredRecord>,
    private readonly spec: CollectionSpec,
    /** The writer's fencing token, when its writes are fenced. */
    private readonly fence?: number,
  ) {}

  async get(id: string): Promise<StoredDocument<T> | null> {
    const record = await this.records.findOne({ _id: id });
    return record === null ? null : toDocument<T>(record);
  }

  async find(query: FindQuery): Promise<Page<T>> {
    assertIndexedFields(this.spec, query);
    assertPageSize(query.first);
    const fields = (query.sort ?? []).map((key) => key.field);
    const keys: MongoSortKey[] = [
      ...(query.sort ?? []).map((key) => ({ path: dataPath(key.field), direction: key.direction })),
      { path: '_id', direction: 'asc' },
    ];
    const filters = [whereFilter(query.where)];
    if (query.after !== undefined) {
      const cursor = decodeCursor(query.after, fields.length);
      filters.push(afterCursorFilter(keys, [...cursor.values, cursor.id]));
    }
    const records = await this.records
      .find({ $and: filters })
      .sort(keys.map((key) => [key.path, key.direction === 'asc' ? 1 : -1] as [string, 1 | -1]))
      .limit(query.first + 1)
      .toArray();
    const items = records.slice(0, query.first).map((record) => toDocument<T>(record));
    const last = items.at(-1);
    return {
      items,
      endCursor:
        last === undefined
          ? null
          : encodeCursor(
              fields.map((field) => valueAt(last.data, field)),
              last.id,
            ),
      hasNextPage: records.length > query.first,
    };
  }

  count(where?: FindQuery['where']): Promise<number> {
    assertIndexedFields(this.spec, { where });
    return this.records.countDocuments(whereFilter(where));
  }

  async insert(id: string, data: T): Promise<StoredDocument<T>> {
    await this.refusingDuplicates(() =>
      this.records.insertOne({ _id: id, version: 1, ...this.fenceField(), data }),
    );
    return { id, version: 1, data };
  }

  async replace(id: string, data: T, expectedVersion: number): Promise<StoredDocument<T>> {
    const { matchedCount } = await this.refusingDuplicates(() =>
      this.records.updateOne(
        { $and: [{ _id: id, version: expectedVersion }, ...this.fenceFilters()] },
        { $set: { data, ...this.fenceField() }, $inc: { version: 1 } },
      ),
    );
    if (matchedCount === 0) {
      const actual = await this.records.findOne({ _id: id }, { projection: { version: 1, fence: 1 } });
      this.refuseIfStale(id, actual);
      throw new VersionConflict(this.spec.name, id, expectedVersion, actual?.version ?? null);
    }
    return { id, version: expectedVersion + 1, data };
  }

  async delete(id: string): Promise<boolean> {
    const { deletedCount } = await this.records.deleteOne({ $and: [{ _id: id }, ...this.fenceFilters()] });
    if (deletedCount === 0 && this.fence !== undefined)
      this.refuseIfStale(id, await this.records.findOne({ _id: id }, { projection: { fence: 1 } }));
    return deletedCount > 0;
  }

  /**
   * The filter only matches an older (or revisionless) record written under no newer fence; when
   * another record with the id exists the upsert tries to insert a second `_id`, which the server
   * refuses. That refusal is ambiguous: the stored record is newer, or fenced by a newer writer, or a
   * concurrent upsert of the same id inserted it first. Updating again, now without inserting, tells.
   */
  async upsertIfNewer(id: string, data: T, revision: number): Promise<boolean> {
    const filter: Filter<StoredRecord> = {
      $and: [
        { _id: id, $or: [{ revision: { $exists: false } }, { revision: { $lt: revision } }] },
        ...this.fenceFilters(),
      ],
    };
    const update = { $set: { data, revision, ...this.fenceField() }, $inc: { version: 1 } };
    try {
      const result = await this.refusingDuplicates(() =>
        this.records.updateOne(filter, update, { upsert: true }),
      );
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      if (!(error instanceof DuplicateKey && error.fields.length === 1 && error.fields[0] === 'id'))
        throw error;
    }
    const { modifiedCount } = await this.refusingDuplicates(() => this.records.updateOne(filter, update));
    if (modifiedCount > 0) return true;
    if (this.fence !== undefined)
      this.refuseIfStale(id, await this.records.findOne({ _id: id }, { projection: { fence: 1 } }));
    return false;
  }

  private fenceField(): { fence?: number } {
    return this.fence === undefined ? {} : { fence: this.fence };
  }

  /** Records this writer may write: any, unfenced; else those written under no newer token. */
  private fenceFilters(): Filter<StoredRecord>[] {
    if (this.fence === undefined) return [];
    return [{ $or: [{ fence: { $exists: false } }, { fence: { $lte: this.fence } }] }];
  }

  private refuseIfStale(id: string, stored: Pick<StoredRecord, 'fence'> | null): void {
    if (this.fence !== undefined && stored?.fence !== undefined && stored.fence > this.fence)
      throw new StaleFence(this.spec.name, id, this.fence, stored.fence);
  }

  private async refusingDuplicates<R>(write: () => Promise<R>): Promise<R> {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof MongoServerError) || error.code !== DUPLICATE_KEY) throw error;
      throw new DuplicateKey(this.spec.name, duplicatedFields(error));
    }
  }
}

/** The server names the refusing index's key pattern, e.g. `{ 'data.number': 1 }` or `{ _id: 1 }`. */
function duplicatedFields(error: MongoServerError): string[] {
  const pattern: unknown = error.keyPattern;
  if (typeof pattern !== 'object' || pattern === null) return ['id'];
  return Object.keys(pattern).map((path) => (path === '_id' ? 'id' : path.replace(/^data\./, '')));
}

function toDocument<T>(record: StoredRecord): StoredDocument<T> {
  return { id: record._id, version: record.version, data: record.data as T };
}
