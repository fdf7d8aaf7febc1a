/**
 * The document store port: small collections of JSON documents with declared indexes, used by the
 * subgraphs' repositories and read models. SQLite (JSON column + expression indexes) is embedded;
 * MongoDB is production. Repositories are written once against this port.
 */

export type Scalar = string | number | boolean | null;

export interface IndexSpec {
  /** Dot paths into the document, e.g. `holderId` or `period.end`. */
  readonly fields: readonly string[];
  /**
   * Unique over the documents that hold a value in every field of the index: documents missing a
   * field, or holding null in it, are not held to it (any number of them may). Values are scalars.
   */
  readonly unique?: boolean;
}

export interface CollectionSpec {
  readonly name: string;
  readonly indexes: readonly IndexSpec[];
}

export interface StoredDocument<T> {
  readonly id: string;
  /** Starts at 1 on insert and grows by one on every replace. */
  readonly version: number;
  readonly data: T;
}

/** A condition on one indexed field: a plain value means equality. */
export type Condition =
  | Scalar
  | { readonly in: readonly Scalar[] }
  | { readonly gt?: Scalar; readonly gte?: Scalar; readonly lt?: Scalar; readonly lte?: Scalar };

export interface FindQuery {
  /** Only declared indexed fields may be filtered or sorted on; anything else is a programming error. */
  readonly where?: Readonly<Record<string, Condition>>;
  /** Ties are broken by id, so paging is stable. Defaults to id ascending. */
  readonly sort?: readonly { readonly field: string; readonly direction: 'asc' | 'desc' }[];
  readonly first: number;
  /** The opaque `endCursor` of the previous page. */
  readonly after?: string;
}

export interface Page<T> {
  readonly items: StoredDocument<T>[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

export interface Collection<T> {
  get(id: string): Promise<StoredDocument<T> | null>;
  find(query: FindQuery): Promise<Page<T>>;
  count(where?: FindQuery['where']): Promise<number>;
  /** Throws DuplicateKey when the id or a unique index value is taken. */
  insert(id: string, data: T): Promise<StoredDocument<T>>;
  /** Throws VersionConflict when the stored version is not `expectedVersion` (or the document is gone). */
  replace(id: string, data: T, expectedVersion: number): Promise<StoredDocument<T>>;
  /** Returns false when there was nothing to delete. */
  delete(id: string): Promise<boolean>;
  /**
   * For projections: writes only when `revision` is newer than the stored document's, so replaying an
   * event twice or out of order never goes backwards. Returns whether it wrote.
   */
  upsertIfNewer(id: string, data: T, revision: number): Promise<boolean>;
}

export interface CollectionOptions {
  /**
   * The fencing token of the one writer this collection's writes come from (a projection leader's lease
   * token, which grows with every takeover). Every write stores it with the document and is refused with
   * StaleFence when the document was written under a newer token, so a leader that lost its lease without
   * noticing cannot overwrite what its successor wrote. Writes without a token are not checked.
   */
  readonly fence?: number;
}

export interface DocumentStore {
  /**
   * Opens a collection and brings its indexes to the spec: a declared index that exists with another
   * definition is replaced, and an index no longer declared is dropped.
   */
  collection<T>(spec: CollectionSpec, options?: CollectionOptions): Promise<Collection<T>>;
  close(): Promise<void>;
}

export class VersionConflict extends Error {
  constructor(
    readonly collection: string,
    readonly id: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | null,
  ) {
    super(`${collection}/${id}: expected version ${expectedVersion}, actual ${String(actualVersion)}`);
    this.name = 'VersionConflict';
  }
}

export class DuplicateKey extends Error {
  constructor(
    readonly collection: string,
    readonly fields: readonly string[],
  ) {
    super(`${collection}: duplicate value for ${fields.join(', ')}`);
    this.name = 'DuplicateKey';
  }
}

/** A write under a fencing token older than the one the document was last written under. */
export class StaleFence extends Error {
  constructor(
    readonly collection: string,
    readonly id: string,
    readonly token: number,
    readonly storedToken: number,
  ) {
    super(`${collection}/${id}: written under fencing token ${storedToken}, refused for ${token}`);
    this.name = 'StaleFence';
  }
}
