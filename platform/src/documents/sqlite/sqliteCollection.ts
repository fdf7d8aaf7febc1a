import type { DatabaseSync } from 'node:sqlite';
import { isPrimaryKeyViolation, isUniqueViolation } from '../../eventstore/sqlite/openSqlite.ts';
import { promised } from '../../eventstore/sqlite/promised.ts';
import { typed, type TypedStatement } from '../../eventstore/sqlite/typedStatement.ts';
import { decodeCursor, encodeCursor } from '../pageCursor.ts';
import type { Collection, CollectionSpec, FindQuery, Page, Scalar, StoredDocument } from '../port.ts';
import { DuplicateKey, VersionConflict } from '../port.ts';
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
 * A collection is a table of (id, version, revision, data) with one expression index per declared
 * index; queries use exactly the indexed expressions so SQLite can use them.
 */
export class SqliteCollection<T> implements Collection<T> {
  private readonly table: string;
  private readonly uniqueIndexFields = new Map<string, readonly string[]>();
  private readonly statements = new Map<string, TypedStatement<SqlValue[], unknown>>();

  constructor(
    private readonly db: DatabaseSync,
    private readonly spec: CollectionSpec,
    private readonly writes: DocumentWrites,
  ) {
    this.table = `doc_${spec.name}`;
    db.exec(`CREATE TABLE IF NOT EXISTS "${this.table}" (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, revision INTEGER, data TEXT NOT NULL)`);
    for (const index of spec.indexes) {
      const name = `${this.table}__${index.fields.join('__').replaceAll('.', '_')}${index.unique === true ? '__unique' : ''}`;
      const columns = index.fields.map(fieldExpression).join(', ');
      db.exec(
        `CREATE ${index.unique === true ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "${name}" ON "${this.table}" (${columns})`,
      );
      if (index.unique === true) this.uniqueIndexFields.set(name, index.fields);
    }
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
          `INSERT INTO "${this.table}" (id, version, revision, data) VALUES (?, 1, NULL, ?)`,
        ).run(id, JSON.stringify(data)),
      );
      return { id, version: 1, data };
    });
  }

  replace(id: string, data: T, expectedVersion: number): Promise<StoredDocument<T>> {
    return this.writes.submit(() => {
      const { changes } = this.write(() =>
        this.statement(
          `UPDATE "${this.table}" SET data = ?, version = version + 1 WHERE id = ? AND version = ?`,
        ).run(JSON.stringify(data), id, expectedVersion),
      );
      if (changes === 0) {
        const actual = this.statement(`SELECT version FROM "${this.table}" WHERE id = ?`).get(id) as
          { version: number } | undefined;
        throw new VersionConflict(this.spec.name, id, expectedVersion, actual?.version ?? null);
      }
      return { id, version: expectedVersion + 1, data };
    });
  }

  delete(id: string): Promise<boolean> {
    return this.writes.submit(() => {
      const { changes } = this.statement(`DELETE FROM "${this.table}" WHERE id = ?`).run(id);
      return changes > 0;
    });
  }

  upsertIfNewer(id: string, data: T, revision: number): Promise<boolean> {
    return this.writes.submit(() => {
      const { changes } = this.write(() =>
        this.statement(
          `INSERT INTO "${this.table}" (id, version, revision, data) VALUES (?, 1, ?, ?)
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, revision = excluded.revision, version = version + 1
             WHERE revision IS NULL OR revision < excluded.revision`,
        ).run(id, revision, JSON.stringify(data)),
      );
      return changes > 0;
    });
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
