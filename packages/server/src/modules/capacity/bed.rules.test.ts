import { describe, it, expect } from 'vitest';
import { BedStatus, Role } from '../../domain/enums.js';
import { DomainError, type ErrorCode } from '../../domain/errors.js';
import {
  BED_REASON_MAX,
  LEGAL_BED_CHANGES,
  decideBedHold,
  decideBedStatusChange,
  holdMinutesError,
  mayHoldBed,
  maySetBedStatus,
  type Actor,
  type BedParty,
} from './bed.rules.js';

const B = BedStatus;
const STATUSES = Object.values(BedStatus);
const ROLES = Object.values(Role);

/** Runs `fn`, expecting a DomainError with `code`; returns it so the test can look closer. */
function domainError(fn: () => unknown, code: ErrorCode): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    const err = e as DomainError;
    expect(err.code).toBe(code);
    return err;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

const CORE = 'inst-core';
const CHC = 'inst-chc-1';
const CARDIO = 'dept-core-cardio';
const NEURO = 'dept-core-neuro';
const bed: BedParty = { institutionId: CORE, departmentId: CARDIO };
const coordinator: Actor = { role: Role.COORDINATOR, institutionId: null, departmentId: null };

/** The legal manual changes, written out by hand (not read from LEGAL_BED_CHANGES) so the two check each other. */
const LEGAL = new Set([
  'AVAILABLE>OCCUPIED',
  'AVAILABLE>CLOSED',
  'AVAILABLE>CLEANING',
  'OCCUPIED>CLEANING',
  'CLEANING>AVAILABLE',
  'CLEANING>CLOSED',
  'CLOSED>AVAILABLE',
  'CLOSED>CLEANING',
  'HELD>AVAILABLE',
  'HELD>OCCUPIED',
]);

describe('decideBedStatusChange: every from × to, by the coordinator', () => {
  const rows = STATUSES.flatMap((from) =>
    STATUSES.map((to) => ({
      from,
      to,
      outcome:
        from === to
          ? 'already'
          : to === B.HELD
            ? 'holdOnly'
            : LEGAL.has(`${from}>${to}`)
              ? 'legal'
              : 'illegal',
    })),
  );

  it('covers all 5 × 5 pairs, 10 of them legal', () => {
    expect(rows).toHaveLength(25);
    expect(rows.filter((r) => r.outcome === 'legal')).toHaveLength(10);
  });

  it.each(rows)('$from → $to: $outcome', ({ from, to, outcome }) => {
    // Always with a reason, so only the states decide the outcome here.
    const run = () => decideBedStatusChange(from, to, coordinator, bed, '病区装修');
    switch (outcome) {
      case 'legal':
        expect(run()).toEqual({ status: to, reason: '病区装修' });
        break;
      case 'already': {
        const err = domainError(run, 'CONFLICT');
        expect(err.message).toBe(`bed is already ${from}`);
        expect(err.details).toEqual({ currentStatus: from });
        break;
      }
      case 'holdOnly': {
        const err = domainError(run, 'BAD_USER_INPUT');
        expect(err.field).toBe('status');
        expect(err.message).toContain('holdBed');
        break;
      }
      case 'illegal': {
        const err = domainError(run, 'CONFLICT');
        expect(err.message).toContain(`bed is ${from}`);
        expect(err.message).toContain(to);
        expect(err.details).toEqual({ currentStatus: from });
        break;
      }
    }
  });

  it('names where the bed can go', () => {
    const err = domainError(
      () => decideBedStatusChange(B.OCCUPIED, B.AVAILABLE, coordinator, bed),
      'CONFLICT',
    );
    expect(err.message).toBe('bed is OCCUPIED; it can change only to CLEANING, not AVAILABLE');
  });

  it('LEGAL_BED_CHANGES, the table the docs render, says the same as the hand-written table', () => {
    const fromTable = STATUSES.flatMap((from) => LEGAL_BED_CHANGES[from].map((to) => `${from}>${to}`));
    expect(fromTable.sort()).toEqual([...LEGAL].sort());
    expect(Object.isFrozen(LEGAL_BED_CHANGES)).toBe(true);
  });

  it('HELD is never a target of a manual change', () => {
    for (const from of STATUSES) expect(LEGAL_BED_CHANGES[from]).not.toContain(B.HELD);
  });
});

describe('reason', () => {
  it.each([
    { from: B.AVAILABLE, reason: undefined },
    { from: B.AVAILABLE, reason: null },
    { from: B.CLEANING, reason: '' },
    { from: B.CLEANING, reason: '   ' },
  ])('closing from $from without a reason ($reason) is BAD_USER_INPUT on reason', ({ from, reason }) => {
    const err = domainError(
      () => decideBedStatusChange(from, B.CLOSED, coordinator, bed, reason),
      'BAD_USER_INPUT',
    );
    expect(err.field).toBe('reason');
  });

  it('closing keeps the trimmed reason', () => {
    expect(decideBedStatusChange(B.AVAILABLE, B.CLOSED, coordinator, bed, '  设备检修 ')).toEqual({
      status: B.CLOSED,
      reason: '设备检修',
    });
  });

  it.each(
    [...LEGAL]
      .map((pair) => pair.split('>') as [BedStatus, BedStatus])
      .filter(([, to]) => to !== B.CLOSED)
      .map(([from, to]) => ({ from, to })),
  )('$from → $to needs no reason, and a missing one clears the old', ({ from, to }) => {
    expect(decideBedStatusChange(from, to, coordinator, bed)).toEqual({ status: to, reason: null });
    expect(decideBedStatusChange(from, to, coordinator, bed, '  ')).toEqual({ status: to, reason: null });
  });

  it(`is at most ${BED_REASON_MAX} characters`, () => {
    expect(
      decideBedStatusChange(B.AVAILABLE, B.CLOSED, coordinator, bed, '修'.repeat(BED_REASON_MAX)).reason,
    ).toHaveLength(BED_REASON_MAX);
    const err = domainError(
      () => decideBedStatusChange(B.AVAILABLE, B.CLOSED, coordinator, bed, '修'.repeat(BED_REASON_MAX + 1)),
      'BAD_USER_INPUT',
    );
    expect(err.field).toBe('reason');
    // Bounded on every change, not only closing.
    domainError(
      () => decideBedStatusChange(B.OCCUPIED, B.CLEANING, coordinator, bed, 'x'.repeat(BED_REASON_MAX + 1)),
      'BAD_USER_INPUT',
    );
  });

  it('an illegal change is a CONFLICT even without the reason it would also need', () => {
    domainError(() => decideBedStatusChange(B.OCCUPIED, B.CLOSED, coordinator, bed), 'CONFLICT');
  });
});

/** Who may change a bed, and who may hold one: every role, own and other bed. */
const WHO: { name: string; actor: Actor; set: boolean; hold: boolean }[] = [
  { name: 'coordinator', actor: coordinator, set: true, hold: true },
  {
    name: 'coordinator of another institution',
    actor: { role: Role.COORDINATOR, institutionId: CHC, departmentId: null },
    set: true,
    hold: true,
  },
  {
    name: 'specialist of the bed’s department',
    actor: { role: Role.SPECIALIST, institutionId: CORE, departmentId: CARDIO },
    set: true,
    hold: true,
  },
  {
    name: 'specialist of another department, same hospital',
    actor: { role: Role.SPECIALIST, institutionId: CORE, departmentId: NEURO },
    set: false,
    hold: false,
  },
  {
    name: 'specialist without a department',
    actor: { role: Role.SPECIALIST, institutionId: CORE, departmentId: null },
    set: false,
    hold: false,
  },
  ...([Role.REFERRING_DOCTOR, Role.PARTNER_APP] as const).flatMap((role) => [
    {
      name: `${role} of the bed’s institution`,
      actor: { role, institutionId: CORE, departmentId: null },
      set: true,
      hold: false,
    },
    {
      name: `${role} of another institution`,
      actor: { role, institutionId: CHC, departmentId: CARDIO },
      set: false,
      hold: false,
    },
    {
      name: `${role} without an institution`,
      actor: { role, institutionId: null, departmentId: null },
      set: false,
      hold: false,
    },
  ]),
  {
    name: 'admin of the bed’s department',
    actor: { role: Role.ADMIN, institutionId: CORE, departmentId: CARDIO },
    set: false,
    hold: false,
  },
  {
    name: 'admin of another institution',
    actor: { role: Role.ADMIN, institutionId: CHC, departmentId: null },
    set: false,
    hold: false,
  },
  ...ROLES.map((role) => ({
    name: `the system (role ${role})`,
    actor: { role, institutionId: CORE, departmentId: CARDIO, system: true },
    set: false,
    hold: false,
  })),
];

describe('who may: every role × own and other bed', () => {
  it('covers every role', () => {
    expect([...new Set(WHO.map((w) => w.actor.role))].sort()).toEqual([...ROLES].sort());
  });

  it.each(WHO)('$name: set $set, hold $hold', ({ actor, set, hold }) => {
    expect(maySetBedStatus(actor, bed)).toBe(set);
    expect(mayHoldBed(actor, bed)).toBe(hold);
    const change = () => decideBedStatusChange(B.OCCUPIED, B.CLEANING, actor, bed);
    if (set) expect(change()).toEqual({ status: B.CLEANING, reason: null });
    else domainError(change, 'FORBIDDEN');
    const holding = () => decideBedHold(B.AVAILABLE, actor, bed, 60);
    if (hold) expect(holding()).toBe(B.HELD);
    else domainError(holding, 'FORBIDDEN');
  });

  it('a specialist of the same department id at another institution is still judged by department', () => {
    // Department ids are global; the institution adds nothing for a specialist.
    const specialist: Actor = { role: Role.SPECIALIST, institutionId: CHC, departmentId: CARDIO };
    expect(maySetBedStatus(specialist, bed)).toBe(true);
  });
});

describe('forbidden is checked first', () => {
  const outsider: Actor = { role: Role.REFERRING_DOCTOR, institutionId: CHC, departmentId: null };
  const rows = STATUSES.flatMap((from) => STATUSES.map((to) => ({ from, to })));

  it.each(rows)('an outsider changing $from → $to, without a reason', ({ from, to }) => {
    const err = domainError(() => decideBedStatusChange(from, to, outsider, bed), 'FORBIDDEN');
    for (const s of STATUSES) expect(err.message).not.toContain(s);
    expect(err.details).toBeUndefined();
  });

  it.each(STATUSES.map((current) => ({ current })))(
    'an outsider holding a $current bed for 0 minutes',
    ({ current }) => {
      domainError(() => decideBedHold(current, outsider, bed, 0), 'FORBIDDEN');
    },
  );
});

describe('holding a bed', () => {
  it.each(STATUSES.filter((s) => s !== B.AVAILABLE).map((current) => ({ current })))(
    'a $current bed cannot be held',
    ({ current }) => {
      const err = domainError(() => decideBedHold(current, coordinator, bed, 60), 'CONFLICT');
      expect(err.message).toContain(`bed is ${current}`);
      expect(err.details).toEqual({ currentStatus: current });
    },
  );

  it('the state is checked before the minutes', () => {
    domainError(() => decideBedHold(B.OCCUPIED, coordinator, bed, 0), 'CONFLICT');
  });

  it('bad minutes are BAD_USER_INPUT on minutes', () => {
    const err = domainError(() => decideBedHold(B.AVAILABLE, coordinator, bed, 1441), 'BAD_USER_INPUT');
    expect(err.field).toBe('minutes');
  });
});

describe('holdMinutesError', () => {
  it.each([1, 2, 30, 240, 1439, 1440])('%d minutes is fine', (minutes) => {
    expect(holdMinutesError(minutes)).toBeNull();
  });

  it.each([
    0,
    -1,
    1441,
    10_000,
    0.5,
    1.5,
    1439.9,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ])('%d minutes is refused', (minutes) => {
    const error = holdMinutesError(minutes);
    expect(error).toBeTypeOf('string');
    expect(error).toContain(String(minutes));
  });
});
