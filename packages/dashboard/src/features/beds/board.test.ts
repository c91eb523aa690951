import { describe, expect, it } from 'vitest';
import { buildBoard, type Row } from './board';

const row = (
  institution: string,
  department: string,
  kind: Row['kind'],
  total: number,
  available: number,
  held = 0,
): Row => ({
  kind,
  total,
  available,
  held,
  occupied: total - available - held,
  updatedAt: '2026-01-01T00:00:00Z',
  institution: { id: institution },
  department: { id: `${institution}-${department}`, code: department, name: department },
});

describe('buildBoard', () => {
  it('sums departments into member × kind cells, keeps department rows, and totals the alliance', () => {
    const board = buildBoard([
      row('H1', '03.04', 'GENERAL', 40, 10, 2),
      row('H1', '03.01', 'GENERAL', 20, 5),
      row('H1', '03.04', 'ICU', 10, 1),
      row('C1', '21', 'REHABILITATION', 12, 8),
    ]);
    // Columns only for kinds that exist, in display order.
    expect(board.kinds).toEqual(['GENERAL', 'ICU', 'REHABILITATION']);
    const h1 = board.byMember.get('H1')!;
    expect(h1.byKind.get('GENERAL')).toEqual({ total: 60, available: 15, held: 2, occupied: 43 });
    expect(h1.total).toEqual({ total: 70, available: 16, held: 2, occupied: 52 });
    expect(h1.departments.map((d) => d.code)).toEqual(['03.01', '03.04']);
    expect(h1.departments[1]!.byKind.get('ICU')).toEqual({ total: 10, available: 1, held: 0, occupied: 9 });
    expect(board.totals.get('GENERAL')!.available).toBe(15);
    expect(board.total).toEqual({ total: 82, available: 24, held: 2, occupied: 56 });
  });
});
