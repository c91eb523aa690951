import type { EventAggregate } from './event-log.writer.js';
import { encodeCursor, type EventCursor } from './cursor.js';
import { bedBundleSql, slotBundleSql } from './current-state.js';

/**
 * Reading the outbox (`event_log`) in commit-safe order.
 *
 * `position` is a sequence value taken at INSERT, but a row becomes visible at COMMIT: transaction
 * 10 may insert position 11 and commit before transaction 9 commits its position 10. A reader that
 * paged by position would step past 10 for good. So every read here:
 *
 * - only returns rows whose writing transaction id is below `pg_snapshot_xmin(pg_current_snapshot())`,
 *   the oldest transaction still running: every such transaction has finished, so no row can still
 *   appear among them (a transaction that has not written yet will get a larger id);
 * - orders by `(tx_id, position)`, which is the order of the cursor clients hold.
 *
 * Rows of transactions at or above the horizon wait until every older transaction has finished,
 * which, with short write transactions, is a matter of milliseconds.
 */

/** Runs one statement with `$n` parameters and answers its rows (a pg Client or Pool). */
export interface Db {
  query<R extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** A database that also runs named statements (prepared once per connection), as a pg pool does. */
export interface PreparingDb {
  query<R extends object = Record<string, unknown>>(statement: {
    name: string;
    text: string;
    values: unknown[];
  }): Promise<{ rows: R[] }>;
}

/** One logged event, as readers hand it on. Never holds free text or patient data. */
export interface LoggedEvent {
  readonly cursor: EventCursor;
  /** The cursor as clients see it. */
  readonly cursorString: string;
  readonly allianceId: string;
  /** `<aggregate>.<what>`, e.g. `referral.ACCEPTED`, `bed.STATUS`, `slot.CLAIMED`. */
  readonly type: string;
  readonly aggregateType: EventAggregate;
  readonly aggregateId: string;
  readonly institutionIds: readonly string[];
  readonly departmentIds: readonly string[];
  readonly payload: Readonly<Record<string, unknown>>;
  readonly occurredAt: Date;
}

interface EventRow {
  tx_id: string;
  position: string;
  alliance_id: string;
  type: string;
  aggregate_type: EventAggregate;
  aggregate_id: string;
  institution_ids: string[] | null;
  department_ids: string[] | null;
  payload: Record<string, unknown> | null;
  occurred_at: Date;
}

const COLUMNS = `e.tx_id::text AS tx_id, e.position::text AS position, e.alliance_id, e.type, e.aggregate_type,
  e.aggregate_id, e.institution_ids, e.department_ids, e.payload, e.occurred_at`;

function toEvent(row: EventRow): LoggedEvent {
  const cursor = { txId: BigInt(row.tx_id), position: BigInt(row.position) };
  return {
    cursor,
    cursorString: encodeCursor(cursor),
    allianceId: row.alliance_id,
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    institutionIds: row.institution_ids ?? [],
    departmentIds: row.department_ids ?? [],
    payload: row.payload ?? {},
    occurredAt: row.occurred_at,
  };
}

/** What one relay read found. */
export interface CommittedRead {
  /** Rows after the cursor of finished transactions, in cursor order (at most `limit`). */
  events: LoggedEvent[];
  /** For bed and slot events, when asked for: what the aggregate looks like now (see CurrentState). */
  bundles: (unknown | null)[];
  /**
   * Committed rows exist at or above the horizon: they wait for an older transaction still
   * running (one that may never notify, e.g. one that writes no events), so read again soon.
   */
  pending: boolean;
}

/**
 * Every event after `after` of a finished transaction, all aggregates, in cursor order; with
 * `bundles`, bed and slot events come with their aggregate's current state (one round trip for both).
 */
export async function readCommitted(
  db: PreparingDb,
  after: EventCursor,
  limit: number,
  bundles: { beds: boolean; slots: boolean } = { beds: false, slots: false },
): Promise<CommittedRead> {
  // Prepared: the relay runs it on every wake-up, and planning it costs about as much as running it.
  const { rows } = await db.query<EventRow & { pending: boolean; bundle: unknown }>({
    name: 'yilian-relay-read-committed',
    text: `SELECT h.pending, e.*
       FROM (SELECT x.xmin, EXISTS (SELECT 1 FROM event_log p WHERE p.tx_id >= x.xmin) AS pending
               FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin) x) h
       LEFT JOIN LATERAL (
         SELECT ${COLUMNS}, e.tx_id AS tx_order, e.position AS position_order,
                CASE WHEN $4 AND e.aggregate_type = 'Bed' THEN ${bedBundleSql('e.aggregate_id')}
                     WHEN $5 AND e.aggregate_type = 'Slot' THEN ${slotBundleSql('e.aggregate_id')} END AS bundle
           FROM event_log e
          WHERE e.tx_id < h.xmin AND (e.tx_id, e.position) > ($1::text::xid8, $2::bigint)
          ORDER BY e.tx_id, e.position
          LIMIT $3) e ON true
      ORDER BY e.tx_order, e.position_order`,
    values: [after.txId.toString(), after.position.toString(), limit, bundles.beds, bundles.slots],
  });
  const pending = rows[0]?.pending ?? false;
  const found = rows.filter((row) => row.position !== null);
  return { events: found.map(toEvent), bundles: found.map((row) => row.bundle ?? null), pending };
}

/** The last event of a finished transaction: where a relay that has just started begins. */
export async function readHorizonCursor(db: Db): Promise<EventCursor | null> {
  const { rows } = await db.query<{ tx_id: string; position: string }>(
    `SELECT e.tx_id::text AS tx_id, e.position::text AS position FROM event_log e
      WHERE e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY e.tx_id DESC, e.position DESC LIMIT 1`,
  );
  const row = rows[0];
  return row ? { txId: BigInt(row.tx_id), position: BigInt(row.position) } : null;
}

/** Narrows a history read to what one subscription may receive (a superset; streams check each event). */
export interface HistoryFilter {
  allianceId: string;
  aggregateType: EventAggregate;
  /** `institution_ids` must contain each of these. */
  institutionIds?: readonly string[];
  /** `department_ids` must contain each of these. */
  departmentIds?: readonly string[];
  /** The aggregate (a bed or a slot) must belong to this institution. */
  ownerInstitutionId?: string;
  /** The aggregate (a slot) must belong to this department. */
  ownerDepartmentId?: string;
}

const OWNER_TABLE: Record<EventAggregate, string | null> = {
  Bed: 'bed',
  Slot: 'slot',
  Referral: null,
  ApiKey: null,
};

/** One page of a subscription's replay: its events after `after` of finished transactions, in cursor order. */
export async function readHistory(
  db: Db,
  after: EventCursor,
  filter: HistoryFilter,
  limit: number,
): Promise<LoggedEvent[]> {
  const params: unknown[] = [
    after.txId.toString(),
    after.position.toString(),
    filter.allianceId,
    filter.aggregateType,
  ];
  const where = [
    'e.tx_id < pg_snapshot_xmin(pg_current_snapshot())',
    '(e.tx_id, e.position) > ($1::text::xid8, $2::bigint)',
    'e.alliance_id = $3',
    'e.aggregate_type = $4',
  ];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.institutionIds?.length)
    where.push(`e.institution_ids @> ${param(filter.institutionIds)}::uuid[]`);
  if (filter.departmentIds?.length) where.push(`e.department_ids @> ${param(filter.departmentIds)}::uuid[]`);
  const owner = OWNER_TABLE[filter.aggregateType];
  if (owner && (filter.ownerInstitutionId || filter.ownerDepartmentId)) {
    const conditions = [];
    if (filter.ownerInstitutionId) conditions.push(`o.institution_id = ${param(filter.ownerInstitutionId)}`);
    if (filter.ownerDepartmentId) conditions.push(`o.department_id = ${param(filter.ownerDepartmentId)}`);
    where.push(
      `EXISTS (SELECT 1 FROM ${owner} o WHERE o.id = e.aggregate_id AND ${conditions.join(' AND ')})`,
    );
  }
  const { rows } = await db.query<EventRow>(
    `SELECT ${COLUMNS} FROM event_log e WHERE ${where.join(' AND ')}
      ORDER BY e.tx_id, e.position LIMIT ${param(limit)}`,
    params,
  );
  return rows.map(toEvent);
}

/**
 * Whether a cursor names an event still in the log. Pruning removes a prefix of the log in cursor
 * order, so when the event of a cursor is still there, so is everything after it; when it is gone,
 * events after it may be gone too and the client must refetch.
 */
export async function cursorIsRetained(db: Db, cursor: EventCursor): Promise<boolean> {
  const { rows } = await db.query(
    'SELECT 1 FROM event_log WHERE position = $2::bigint AND tx_id = $1::text::xid8',
    [cursor.txId.toString(), cursor.position.toString()],
  );
  return rows.length > 0;
}

/** A pg connection that can run a transaction (a pool client). */
export interface TransactionalDb extends Db {
  release(): void;
}

/**
 * Deletes bed and slot events older than `cutoff`, as a prefix of the log in cursor order (so a cursor
 * whose event is still there can always resume), in batches, by one replica at a time (an advisory
 * lock; the others skip). Referral events are never pruned: they are the referrals' history (the
 * timeline, 可追踪), and a referral cursor therefore never expires. Answers how many rows went.
 */
export async function pruneEvents(
  connect: () => Promise<TransactionalDb>,
  cutoff: Date,
  options: { batchSize?: number; maxBatches?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 5_000;
  const maxBatches = options.maxBatches ?? 200;
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const client = await connect();
    let count = 0;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_xact_lock(hashtext('yilian.event_log.prune')) AS locked`,
      );
      if (!rows[0]?.locked) {
        await client.query('ROLLBACK');
        return deleted;
      }
      // The boundary is the most recent event older than the cutoff; everything up to it in cursor
      // order goes (occurred_at is the writing transaction's start, so the two orders agree to within
      // the length of a transaction).
      const result = await client.query<{ n: string }>(
        `WITH boundary AS (
           SELECT tx_id, position FROM event_log WHERE occurred_at < $1 AND aggregate_type <> 'Referral'
            ORDER BY occurred_at DESC, tx_id DESC, position DESC LIMIT 1),
         doomed AS (
           SELECT e.position FROM event_log e, boundary b
            WHERE e.aggregate_type <> 'Referral' AND (e.tx_id, e.position) <= (b.tx_id, b.position)
            ORDER BY e.tx_id, e.position LIMIT $2),
         gone AS (DELETE FROM event_log WHERE position IN (SELECT position FROM doomed) RETURNING 1)
         SELECT count(*)::text AS n FROM gone`,
        [cutoff, batchSize],
      );
      await client.query('COMMIT');
      count = Number(result.rows[0]?.n ?? 0);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    deleted += count;
    if (count < batchSize) break;
  }
  return deleted;
}
