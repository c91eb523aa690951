import { badInput } from '../domain/errors.js';

/**
 * Where an event sits in the log's commit-safe order: its writing transaction's id, then its
 * position within the table. Readers only ever see rows of finished transactions in this order, so a
 * cursor never skips a row that commits later (see docs/realtime.md, "Why (tx_id, position)").
 */
export interface EventCursor {
  readonly txId: bigint;
  readonly position: bigint;
}

/** Before every event: the start of the log. */
export const LOG_START: EventCursor = Object.freeze({ txId: 0n, position: 0n });

const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;
const MAX_BIGINT = 2n ** 63n - 1n;

/** Orders two cursors: negative when `a` comes first, 0 when equal, positive when `b` comes first. */
export function compareCursors(a: EventCursor, b: EventCursor): number {
  if (a.txId !== b.txId) return a.txId < b.txId ? -1 : 1;
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return 0;
}

/** The cursor clients see: opaque base64url of `txid:position`. */
export function encodeCursor(cursor: EventCursor): string {
  return Buffer.from(`${cursor.txId}:${cursor.position}`, 'utf8').toString('base64url');
}

/** Parses a cursor a client sent; null when it is not one of ours. */
export function tryDecodeCursor(value: string): EventCursor | null {
  if (value.length === 0 || value.length > 64 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const [tx, position, extra] = Buffer.from(value, 'base64url').toString('utf8').split(':');
  if (extra !== undefined || !tx || !position || !DECIMAL.test(tx) || !DECIMAL.test(position)) return null;
  const cursor = { txId: BigInt(tx), position: BigInt(position) };
  if (cursor.txId > MAX_BIGINT || cursor.position > MAX_BIGINT) return null;
  return cursor;
}

/** Parses the `after` argument of a subscription; BAD_USER_INPUT naming the field otherwise. */
export function parseCursorArgument(value: string, field = 'after'): EventCursor {
  const cursor = tryDecodeCursor(value);
  if (!cursor)
    throw badInput(field, `${field} is not a cursor of this API (pass the cursor of an event you received)`);
  return cursor;
}

/** The later of two cursors. */
export function maxCursor(a: EventCursor, b: EventCursor): EventCursor {
  return compareCursors(a, b) >= 0 ? a : b;
}
