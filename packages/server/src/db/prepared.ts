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

/**
 * Runs a named prepared statement on a pooled connection, outside any transaction. For the hottest
 * paths only (a slot claim on a contended slot): PostgreSQL parses and plans the statement once per
 * connection instead of on every call, and the query builder is skipped. `name` must identify `sql`.
 */
export async function preparedRows<R>(
  em: EntityManager,
  name: string,
  sql: string,
  values: unknown[],
): Promise<R[]> {
  const client = (em.getKnex() as unknown as { client: KnexClient }).client;
  const connection = await client.acquireConnection();
  try {
    return (await connection.query({ name, text: sql, values })).rows as R[];
  } finally {
    await client.releaseConnection(connection);
  }
}
