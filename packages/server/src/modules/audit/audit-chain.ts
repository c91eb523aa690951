import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The audit log's hash chain.
 *
 * Entries are written concurrently by every request, so chaining them at insert would make every
 * writer wait for the previous one (a global lock). Instead a sweep seals them afterwards, in commit
 * order: one replica at a time (an advisory lock), it takes the entries of finished transactions
 * only (transaction id below the oldest one still running, as the event log's readers do), in
 * (tx_id, id) order after the last sealed entry, and appends to `audit_chain`:
 *
 *     hash(n) = HMAC-SHA256(audit-chain key, hash(n-1) + "\n" + canonical(entry n)),  hash(0) = "".
 *
 * No entry can later appear below the sealed position (its transaction would have to be older than
 * one that finished), and the database stamps tx_id itself (trigger), so the chain covers every
 * entry exactly once. The key is derived from YILIAN_SECRET: someone who can write the database but
 * not read the secret cannot rewrite an entry and re-chain what follows. Editing, deleting or
 * inserting a sealed entry, or a chain row, is found by {@link verifyAuditChain}.
 */

/** An entry's canonical text: the same bytes whenever it is read (UTC microseconds, jsonb's normal form). */
const CANONICAL = `jsonb_build_array(a.id, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  a.tx_id::text, a.kind, a.action, a.outcome, a.error_code, a.user_id, a.username, a.role, a.alliance_id,
  a.institution_id, a.api_key_id, a.ip, a.request_id, a.target_type, a.target_id, a.referral_ids,
  a.patient_ids, a.detail)::text`;

const SEAL_LOCK = `hashtext('yilian.audit_chain.seal')`;
const BATCH = 1_000;

export function chainHash(key: Buffer, previous: string, canonical: string): string {
  return createHmac('sha256', key).update(previous).update('\n').update(canonical).digest('hex');
}

interface Head {
  seq: string;
  hash: string;
  tx_id: string;
  entry_id: string;
}

const run = <R>(em: EntityManager, sql: string, params: unknown[] = []) =>
  em.execute(sql, params, 'all') as Promise<R[]>;

/**
 * Seals every entry of a finished transaction not yet in the chain (in batches); answers how many.
 * Another replica sealing at the same moment makes this one skip (it will find the work done).
 */
export async function sealAuditLog(em: EntityManager, key: Buffer): Promise<number> {
  let sealed = 0;
  for (;;) {
    const count = await em.fork().transactional(async (tx) => {
      const [lock] = await run<{ locked: boolean }>(
        tx,
        `SELECT pg_try_advisory_xact_lock(${SEAL_LOCK}) AS locked`,
      );
      if (!lock?.locked) return 0;
      const [head] = await run<Head>(
        tx,
        `SELECT c.seq::text AS seq, c.hash, a.tx_id::text AS tx_id, a.id::text AS entry_id
           FROM audit_chain c JOIN audit_log a ON a.id = c.entry_id ORDER BY c.seq DESC LIMIT 1`,
      );
      const entries = await run<{ id: string; canonical: string }>(
        tx,
        `SELECT a.id::text AS id, ${CANONICAL} AS canonical FROM audit_log a
          WHERE a.tx_id < pg_snapshot_xmin(pg_current_snapshot())
            AND (a.tx_id, a.id) > (?::xid8, ?::bigint)
          ORDER BY a.tx_id, a.id LIMIT ${BATCH}`,
        [head?.tx_id ?? '0', head?.entry_id ?? '0'],
      );
      if (entries.length === 0) return 0;
      let previous = head?.hash ?? '';
      let seq = BigInt(head?.seq ?? '0');
      const seqs: string[] = [];
      const hashes: string[] = [];
      for (const entry of entries) {
        previous = chainHash(key, previous, entry.canonical);
        seqs.push(String(++seq));
        hashes.push(previous);
      }
      await tx.execute(
        `INSERT INTO audit_chain (seq, entry_id, hash)
         SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[])`,
        [`{${seqs.join(',')}}`, `{${entries.map((e) => e.id).join(',')}}`, `{${hashes.join(',')}}`],
        'run',
      );
      return entries.length;
    });
    sealed += count;
    if (count < BATCH) return sealed;
  }
}

/** What a verification of the whole chain found. */
export interface ChainVerification {
  readonly valid: boolean;
  /** Chain rows checked (sealed entries). */
  readonly checkedEntries: number;
  /** Entries written since the last seal (not yet covered by the chain). */
  readonly unsealedEntries: number;
  /** The last hash of the chain: note it elsewhere (a ticket, the log) to detect a truncated tail later. */
  readonly headHash: string | null;
  /** The first entry found altered, missing or inserted, when not valid. */
  readonly firstBadEntryId: string | null;
  readonly problem: string | null;
}

/**
 * Recomputes the chain from the first entry and checks that every sealed entry is unchanged, none
 * is missing, none was slipped in below the sealed position, and the chain itself is gap-free.
 */
export async function verifyAuditChain(em: EntityManager, key: Buffer): Promise<ChainVerification> {
  let previous = '';
  let expectedSeq = 1n;
  let last: { txId: string; id: string } | null = null;
  const bad = (entryId: string | null, problem: string, checked: bigint): ChainVerification => ({
    valid: false,
    checkedEntries: Number(checked),
    unsealedEntries: 0,
    headHash: null,
    firstBadEntryId: entryId,
    problem,
  });
  for (;;) {
    const chunk = await run<{
      seq: string;
      entry_id: string;
      hash: string;
      tx_id: string | null;
      canonical: string | null;
    }>(
      em,
      `SELECT c.seq::text AS seq, c.entry_id::text AS entry_id, c.hash, a.tx_id::text AS tx_id,
              CASE WHEN a.id IS NULL THEN NULL ELSE ${CANONICAL} END AS canonical
         FROM audit_chain c LEFT JOIN audit_log a ON a.id = c.entry_id
        WHERE c.seq >= ? ORDER BY c.seq LIMIT ${BATCH}`,
      [expectedSeq.toString()],
    );
    for (const row of chunk) {
      const checked = expectedSeq - 1n;
      if (BigInt(row.seq) !== expectedSeq)
        return bad(row.entry_id, `chain position ${expectedSeq} is missing`, checked);
      if (row.canonical === null || row.tx_id === null)
        return bad(row.entry_id, `entry ${row.entry_id} was deleted`, checked);
      const hash = chainHash(key, previous, row.canonical);
      if (hash.length !== row.hash.length || !timingSafeEqual(Buffer.from(hash), Buffer.from(row.hash)))
        return bad(row.entry_id, `entry ${row.entry_id} was altered (or its chain row was)`, checked);
      if (
        last &&
        (BigInt(row.tx_id) < BigInt(last.txId) ||
          (row.tx_id === last.txId && BigInt(row.entry_id) <= BigInt(last.id)))
      )
        return bad(row.entry_id, `entry ${row.entry_id} is out of commit order`, checked);
      previous = hash;
      last = { txId: row.tx_id, id: row.entry_id };
      expectedSeq++;
    }
    if (chunk.length < BATCH) break;
  }
  const checked = expectedSeq - 1n;
  const position = [last?.txId ?? '0', last?.id ?? '0'];
  const [slipped] = await run<{ id: string }>(
    em,
    `SELECT a.id::text AS id FROM audit_log a
      WHERE (a.tx_id, a.id) <= (?::xid8, ?::bigint)
        AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.entry_id = a.id)
      ORDER BY a.tx_id, a.id LIMIT 1`,
    position,
  );
  if (slipped) return bad(slipped.id, `entry ${slipped.id} was inserted below the sealed position`, checked);
  const [unsealed] = await run<{ n: string }>(
    em,
    `SELECT count(*)::text AS n FROM audit_log a WHERE (a.tx_id, a.id) > (?::xid8, ?::bigint)`,
    position,
  );
  return {
    valid: true,
    checkedEntries: Number(checked),
    unsealedEntries: Number(unsealed?.n ?? 0),
    headHash: checked > 0n ? previous : null,
    firstBadEntryId: null,
    problem: null,
  };
}
