import type { DatabaseSync } from 'node:sqlite';
import { isPrimaryKeyViolation, isUniqueViolation } from '../../eventstore/sqlite/openSqlite.ts';
import { promised } from '../../eventstore/sqlite/promised.ts';
import { typed, type TypedStatement } from '../../eventstore/sqlite/typedStatement.ts';
import { decodeCursor, encodeCursor } from '../pageCursor.ts';
import type { Collection, CollectionSpec, FindQuery, Page, Scalar, StoredDocument } from '../port.ts';
import { DuplicateKey, StaleFence, VersionConflict } from '../port.ts';
import { assertIndexedFields, assertPageSize } from '../queryFields.ts';
import type { DocumentWrites } from './documentWrites.ts';
import {
  afterCursor,
  fieldExpression,
  sqlValue,
  whereClause,
  type SortKey,
  type SqlValue,
} from './sqlQuery.ts';

interface DocumentRow {
  readonly id: string;
  readonly version: number;
  readonly data: string;
}

/**
 * A collection is a table of (id, version, revision, fence, data) with one expression index per
 * declared index; queries use exactly the indexed expressions so SQLite can use them. An index is
 * named by its definition, and one no longer declared is dropped when the collection opens. SQLite
 * holds NULL distinct in a unique index, so documents missing a unique field never collide.
 */
export class SqliteCollection<T> implements Collection<T> {
  private readonly table: string;
  private readonly uniqueIndexFields = new Map<string, readonly string[]>();
  private readonly statements = new Map<string, TypedStatement<SqlValue[], unknown>>();

  constructor(
    private readonly db: DatabaseSync,
    private readonly spec: CollectionSpec,
    private readonly writes: DocumentWrites,
    /** The writer's fencing token, when its writes are fenced. */
    private readonly fence: number | null = null,
  ) {
    this.table = `doc_${spec.name}`;
    db.exec(`CREATE TABLE IF NOT EXISTS "${this.table}" (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, revision INTEGER, fence INTEGER, data TEXT NOT NULL)`);
    addFenceColumn(db, this.table);
    const declared = new Set<string>();
    for (const index of spec.indexes) {
      const name = `${this.table}__${index.fields.join('__').replaceAll('.', '_')}${index.unique === true ? '__unique' : ''}`;
      declared.add(name);
      db.exec(
        `CREATE ${index.unique === true ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "${name}" ON "${this.table}" (${index.fields.map(fieldExpression).join(', ')})`,
      );
      if (index.unique === true) this.uniqueIndexFields.set(name, index.fields);
    }
    const existing = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`)
      .all(this.table) as { name: string }[];
    for (const { name } of existing)
      if (name.startsWith(`${this.table}__`) && !declared.has(name))
        db.exec(`DROP INDEX IF EXISTS "${name}"`);
  }

  get(id: string): Promise<StoredDocument<T> | null> {
    return promised(() => {
      const row = this.statement(`SELECT id, version, data FROM "${this.table}" WHERE id = ?`).get(id) as
        DocumentRow | undefined;
      return row === undefined ? null : toDocument<T>(row);
    });
  }

  find(query: FindQuery): Promise<Page<T>> {
    return promised(() => {
      assertIndexedFields(this.spec, query);
      assertPageSize(query.first);
      const keys: SortKey[] = [
        ...(query.sort ?? []).map((key) => ({
          expression: fieldExpression(key.field),
          direction: key.direction,
        })),
        { expression: 'id', direction: 'asc' },
      ];
      const where = whereClause(query.where);
      const conditions = [where.text];
      const params: SqlValue[] = [...where.params];
      if (query.after !== undefined) {
        const cursor = decodeCursor(query.after, keys.length - 1);
        const after = afterCursor(keys, [...cursor.values.map(sqlValue), cursor.id]);
        conditions.push(after.text);
        params.push(...after.params);
      }
      const sortColumns = keys
        .slice(0, -1)
        .map((key, i) => `, ${key.expression} AS sort${i}`)
        .join('');
      const order = keys
        .map((key) => `${key.expression} ${key.direction === 'asc' ? 'ASC' : 'DESC'}`)
        .join(', ');
      const rows = this.statement(
        `SELECT id, version, data${sortColumns} FROM "${this.table}"
           WHERE ${conditions.join(' AND ')} ORDER BY ${order} LIMIT ?`,
      ).all(...params, query.first + 1) as (DocumentRow & Record<string, Scalar>)[];
      const items = rows.slice(0, query.first);
      const last = items.at(-1);
      return {
        items: items.map((row) => toDocument<T>(row)),
        endCursor:
          last === undefined
            ? null
            : encodeCursor(
                keys.slice(0, -1).map((_key, i) => last[`sort${i}`] ?? null),
                last.id,
              ),
        hasNextPage: rows.length > query.first,
      };
    });
  }

  count(where?: FindQuery['where']): Promise<number> {
    return promised(() => {
      assertIndexedFields(this.spec, { where });
      const clause = whereClause(where);
      const count = this.statement(`SELECT count(*) AS count FROM "${this.table}" WHERE ${clause.text}`).get(
        ...clause.params,
      ) as { count: number };
      return count.count;
    });
  }

  insert(id: string, data: T): Promise<StoredDocument<T>> {
    return this.writes.submit(() => {
      this.write(() =>
        this.statement(
          `INSERT INTO "${this.table}" (id, version, revision, fence, data) VALUES (?, 1, NULL, ?, ?)`,
        ).run(id, this.fence, JSON.stringify(data)),
      );
      return { id, version: 1, data };
    });
  }

  replace(id: string, data: T, expectedVersion: number): Promise<StoredDocument<T>> {
    return this.writes.submit(() => {
      const { changes } = this.write(() =>
        this.statement(
          `UPDATE "${this.table}" SET data = ?, version = version + 1, fence = coalesce(?, fence)
             WHERE id = ? AND version = ? AND (? IS NULL OR fence IS NULL OR fence <= ?)`,
        ).run(JSON.stringify(data), this.fence, id, expectedVersion, this.fence, this.fence),
      );
      if (changes === 0) {
        const actual = this.stored(id);
        this.refuseIfStale(id, actual);
        throw new VersionConflict(this.spec.name, id, expectedVersion, actual?.version ?? null);
      }
      return { id, version: expectedVersion + 1, data };
    });
  }

  delete(id: string): Promise<boolean> {
    return this.writes.submit(() => {
      const { changes } = this.statement(
        `DELETE FROM "${this.table}" WHERE id = ? AND (? IS NULL OR fence IS NULL OR fence <= ?)`,
      ).run(id, this.fence, this.fence);
      if (changes === 0) this.refuseIfStale(id, this.stored(id));
      return changes > 0;
    });
  }

  upsertIfNewer(id: string, data: T, revision: number): Promise<boolean> {
    return this.writes.submit(() => {
      const { changes } = this.write(() =>
        this.statement(
          `INSERT INTO "${this.table}" (id, version, revision, fence, data) VALUES (?, 1, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, revision = excluded.revision,
               fence = coalesce(excluded.fence, fence), version = version + 1
             WHERE (revision IS NULL OR revision < excluded.revision)
               AND (excluded.fence IS NULL OR fence IS NULL OR fence <= excluded.fence)`,
        ).run(id, revision, this.fence, JSON.stringify(data)),
      );
      if (changes === 0) this.refuseIfStale(id, this.stored(id));
      return changes > 0;
    });
  }

  private stored(id: string): { version: number; fence: number | null } | undefined {
    return this.statement(`SELECT version, fence FROM "${this.table}" WHERE id = ?`).get(id) as
      { version: number; fence: number | null } | undefined;
  }

  private refuseIfStale(id: string, stored: { fence: number | null } | undefined): void {
    if (this.fence !== null && stored !== undefined && stored.fence !== null && stored.fence > this.fence)
      throw new StaleFence(this.spec.name, id, this.fence, stored.fence);
  }

  private statement(sql: string): TypedStatement<SqlValue[], unknown> {
    // node:sqlite finalizes every statement on close; say why instead of "statement has been finalized".
    if (!this.db.isOpen) throw new Error('database is not open');
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = typed<SqlValue[], unknown>(this.db.prepare(sql));
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Turns a unique-constraint failure into DuplicateKey naming the fields of the index that refused. */
  private write<R>(statement: () => R): R {
    try {
      return statement();
    } catch (error) {
      if (isPrimaryKeyViolation(error)) throw new DuplicateKey(this.spec.name, ['id']);
      if (!isUniqueViolation(error)) throw error;
      const index = /index '([^']+)'/.exec(error.message)?.[1] ?? '';
      throw new DuplicateKey(this.spec.name, this.uniqueIndexFields.get(index) ?? ['id']);
    }
  }
}

function toDocument<T>(row: DocumentRow): StoredDocument<T> {
  return { id: row.id, version: row.version, data: JSON.parse(row.data) as T };
}

/** Tables written before fencing existed get the column; a process opening it at the same time may win. */
function addFenceColumn(db: DatabaseSync, table: string): void {
  const columns = db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[];
  if (columns.some((column) => column.name === 'fence')) return;
  try {
    db.exec(`ALTER TABLE "${table}" ADD COLUMN fence INTEGER`);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('duplicate column name')) throw error;
  }
}
