import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/** The part of a pooled `pg` client this module uses. */
interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** The part of knex's client that lends out pooled connections. */
interface KnexClient {
  acquireConnection(): Promise<PgClient>;
  releaseConnection(connection: PgClient): Promise<void>;
}

/** Knex-style `?` placeholders as PostgreSQL's `$1, $2, ...` (the SQL must hold no other `?`). */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Statement names by SQL text: the same text always gets the same name, and one name one text. */
const names = new Map<string, string>();

function nameOf(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `y_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    names.set(sql, name);
  }
  return name;
}

/**
 * Runs SQL (`$n` placeholders) as a named prepared statement on a pooled connection, outside any
 * transaction. For the hottest paths only (a slot claim on a contended slot): PostgreSQL parses and
 * plans the statement once per connection instead of on every call, and the query builder is skipped.
 */
export async function preparedRows<R>(em: EntityManager, sql: string, values: unknown[]): Promise<R[]> {
  const client = (em.getKnex() as unknown as { client: KnexClient }).client;
  const connection = await client.acquireConnection();
  try {
    return (await connection.query({ name: nameOf(sql), text: sql, values })).rows as R[];
  } finally {
    await client.releaseConnection(connection);
  }
}
