import { describe, expect, it } from 'vitest';
import { compareCursors, encodeCursor, parseCursorArgument, tryDecodeCursor } from './cursor.js';

describe('event cursors', () => {
  it('round-trips and orders by transaction id, then position', () => {
    const cursor = { txId: 123456789012n, position: 42n };
    expect(tryDecodeCursor(encodeCursor(cursor))).toEqual(cursor);
    // A later transaction comes after, whatever its position (it may have inserted first).
    expect(compareCursors({ txId: 9n, position: 100n }, { txId: 10n, position: 5n })).toBeLessThan(0);
    expect(compareCursors({ txId: 10n, position: 5n }, { txId: 10n, position: 6n })).toBeLessThan(0);
    expect(compareCursors(cursor, { ...cursor })).toBe(0);
  });

  it('refuses anything that is not one of ours with BAD_USER_INPUT on the field', () => {
    const refuse = (value: string) =>
      expect(() => parseCursorArgument(value)).toThrow(/after is not a cursor/);
    for (const value of [
      '',
      'nope!',
      Buffer.from('1:2:3').toString('base64url'),
      Buffer.from('-1:2').toString('base64url'),
      Buffer.from('01:2').toString('base64url'),
      Buffer.from('x:2').toString('base64url'),
      Buffer.from('99999999999999999999:1').toString('base64url'),
      'A'.repeat(100),
    ]) {
      refuse(value);
    }
    try {
      parseCursorArgument('nope');
    } catch (error) {
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });
});
