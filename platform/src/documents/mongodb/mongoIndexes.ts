import type { Collection as DriverCollection, Document } from 'mongodb';
import { MongoServerError } from 'mongodb';
import type { CollectionSpec, IndexSpec } from '../port.ts';
import { dataPath, type StoredRecord } from './mongoQuery.ts';

const NAMESPACE_NOT_FOUND = 26;
const INDEX_NOT_FOUND = 27;
const ID_INDEX = '_id_';
/** The BSON types of the scalars a unique index holds: null and a missing field are left out. */
const SCALAR_TYPES = ['string', 'double', 'int', 'long', 'decimal', 'bool', 'date'];

/** An index as the server lists it, limited to what we set. */
interface IndexDefinition {
  readonly name: string;
  readonly key: Record<string, number>;
  readonly unique: boolean;
  readonly partialFilterExpression?: Document;
}

/**
 * MongoDB holds a document missing a uniquely indexed field (or holding null in it) to the index as a
 * null value, so only one such document could exist, where SQLite takes any number: a unique index is
 * partial, over documents holding a scalar in every field, so both agree.
 */
export function indexDefinition(index: IndexSpec): IndexDefinition {
  const unique = index.unique === true;
  const key = Object.fromEntries(index.fields.map((field) => [dataPath(field), 1]));
  const name = `${index.fields.join('_')}${unique ? '_unique' : ''}`;
  if (!unique) return { name, key, unique };
  const partialFilterExpression = Object.fromEntries(
    index.fields.map((field) => [dataPath(field), { $type: SCALAR_TYPES }]),
  );
  return { name, key, unique, partialFilterExpression };
}

/**
 * Brings the collection's indexes to the spec. Creating an index whose name exists with another
 * definition fails on the server, so an index declared anew (changed fields, uniqueness or filter) is
 * dropped and created again, and one no longer declared is dropped: a unique index left behind would
 * keep refusing writes. Instances starting together may race here; each step tolerates the other's.
 */
export async function syncIndexes(
  records: DriverCollection<StoredRecord>,
  spec: CollectionSpec,
): Promise<void> {
  const wanted = spec.indexes.map(indexDefinition);
  const existing = await listIndexes(records);
  for (const index of existing) {
    if (index.name === ID_INDEX) continue;
    if (wanted.some((definition) => sameDefinition(definition, index))) continue;
    await records.dropIndex(index.name).catch((error: unknown) => {
      if (!(error instanceof MongoServerError) || error.code !== INDEX_NOT_FOUND) throw error;
    });
  }
  for (const definition of wanted) {
    if (existing.some((index) => sameDefinition(definition, index))) continue;
    await records.createIndex(definition.key, {
      name: definition.name,
      unique: definition.unique,
      ...(definition.partialFilterExpression === undefined
        ? {}
        : { partialFilterExpression: definition.partialFilterExpression }),
    });
  }
}

async function listIndexes(records: DriverCollection<StoredRecord>): Promise<IndexDefinition[]> {
  try {
    const listed = (await records.listIndexes().toArray()) as Document[];
    return listed.map((index) => ({
      name: String(index.name),
      key: index.key as Record<string, number>,
      unique: index.unique === true,
      ...(index.partialFilterExpression === undefined
        ? {}
        : { partialFilterExpression: index.partialFilterExpression as Document }),
    }));
  } catch (error) {
    // The collection does not exist yet: it has no indexes.
    if (error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND) return [];
    throw error;
  }
}

function sameDefinition(wanted: IndexDefinition, existing: IndexDefinition): boolean {
  return (
    wanted.name === existing.name &&
    JSON.stringify(wanted.key) === JSON.stringify(existing.key) &&
    wanted.unique === existing.unique &&
    JSON.stringify(wanted.partialFilterExpression ?? null) ===
      JSON.stringify(existing.partialFilterExpression ?? null)
  );
}
