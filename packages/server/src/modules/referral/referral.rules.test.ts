import { describe, it, expect } from 'vitest';
import { InstitutionTier, ReferralDirection, ReferralStatus, Role } from '../../domain/enums.js';
import { DomainError, type ErrorCode } from '../../domain/errors.js';
import {
  REFERRAL_ACTIONS,
  TRANSITIONS,
  UNSCHEDULE_TARGETS,
  allowedActions,
  decideTransition,
  directionError,
  directionFitsTiers,
  isAnswered,
  isFinal,
  isOpen,
  mayAct,
  validateReason,
  type Actor,
  type Parties,
  type ReferralAction,
} from './referral.rules.js';

const S = ReferralStatus;
const STATUSES = Object.values(ReferralStatus);
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

// A community centre (CHC) sends up to the core hospital's cardiology department.
const CHC = 'inst-chc-1';
const CORE = 'inst-core';
const OTHER = 'inst-chc-2';
const CARDIO = 'dept-core-cardio';
const NEURO = 'dept-core-neuro';
const up: Parties = { fromInstitutionId: CHC, toInstitutionId: CORE, toDepartmentId: CARDIO };
// A down-referral to a community centre as a whole (no department).
const down: Parties = { fromInstitutionId: CORE, toInstitutionId: CHC, toDepartmentId: null };

const actor = (role: Role, institutionId: string | null, departmentId: string | null = null): Actor => ({
  role,
  institutionId,
  departmentId,
});
const coordinator = actor(Role.COORDINATOR, null);
const sweeper: Actor = { ...actor(Role.ADMIN, null), system: true };

/** The expected machine, written out by hand (not derived from TRANSITIONS) so the two check each other. */
const EXPECTED: Record<ReferralStatus, Partial<Record<ReferralAction, ReferralStatus>>> = {
  [S.SUBMITTED]: {
    ACCEPT: S.ACCEPTED,
    REJECT: S.REJECTED,
    REDIRECT: S.SUBMITTED,
    SCHEDULE: S.SCHEDULED,
    CANCEL: S.CANCELLED,
    EXPIRE: S.EXPIRED,
  },
  [S.ACCEPTED]: { REJECT: S.REJECTED, SCHEDULE: S.SCHEDULED, ARRIVE: S.ARRIVED, CANCEL: S.CANCELLED },
  // UNSCHEDULE goes back to the previous status; the table runs with previousStatus ACCEPTED.
  [S.SCHEDULED]: { UNSCHEDULE: S.ACCEPTED, ARRIVE: S.ARRIVED, CANCEL: S.CANCELLED },
  [S.ARRIVED]: { COMPLETE: S.COMPLETED },
  [S.COMPLETED]: {},
  [S.REJECTED]: {},
  [S.CANCELLED]: {},
  [S.EXPIRED]: {},
};

/** Someone allowed to make each action on `up`, so the state table tests the states alone. */
const ALLOWED_ACTOR: Record<ReferralAction, Actor> = {
  ACCEPT: coordinator,
  REJECT: coordinator,
  REDIRECT: coordinator,
  SCHEDULE: actor(Role.SPECIALIST, CORE, CARDIO),
  UNSCHEDULE: actor(Role.SPECIALIST, CORE, CARDIO),
  ARRIVE: coordinator,
  COMPLETE: actor(Role.SPECIALIST, CORE, CARDIO),
  CANCEL: actor(Role.REFERRING_DOCTOR, CHC),
  EXPIRE: sweeper,
};

describe('decideTransition: every status × action, for an allowed actor', () => {
  const rows = STATUSES.flatMap((status) => REFERRAL_ACTIONS.map((action) => ({ status, action })));

  it('covers all 8 × 9 pairs', () => {
    expect(rows).toHaveLength(72);
  });

  it.each(rows)('$status + $action', ({ status, action }) => {
    const expected = EXPECTED[status][action];
    const run = () =>
      decideTransition(status, action, ALLOWED_ACTOR[action], up, { previousStatus: S.ACCEPTED });
    if (expected !== undefined) {
      expect(run()).toBe(expected);
    } else {
      const err = domainError(run, 'CONFLICT');
      expect(err.message).toContain(`referral is ${status}`);
      expect(err.message).toContain(action);
      expect(err.details).toEqual({ currentStatus: status });
    }
  });

  it('names the states an action is possible from', () => {
    const err = domainError(() => decideTransition(S.COMPLETED, 'ACCEPT', coordinator, up), 'CONFLICT');
    expect(err.message).toBe('referral is COMPLETED; ACCEPT is possible only from SUBMITTED');
    const err2 = domainError(
      () => decideTransition(S.ARRIVED, 'CANCEL', ALLOWED_ACTOR.CANCEL, up),
      'CONFLICT',
    );
    expect(err2.message).toBe(
      'referral is ARRIVED; CANCEL is possible only from SUBMITTED or ACCEPTED or SCHEDULED',
    );
  });

  it('TRANSITIONS, the table the docs render, says the same as the hand-written table', () => {
    for (const action of REFERRAL_ACTIONS) {
      const from = STATUSES.filter((s) => EXPECTED[s][action] !== undefined);
      expect([...TRANSITIONS[action].from].sort(), action).toEqual(from.sort());
    }
    expect(TRANSITIONS.UNSCHEDULE.to).toBe('PREVIOUS');
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...REFERRAL_ACTIONS].sort());
  });

  it('TRANSITIONS cannot be changed at run time', () => {
    expect(Object.isFrozen(TRANSITIONS)).toBe(true);
  });
});

/** Who may do what, by role and party; written out per actor. */
const RECEIVER: ReferralAction[] = [
  'ACCEPT',
  'REJECT',
  'REDIRECT',
  'SCHEDULE',
  'UNSCHEDULE',
  'ARRIVE',
  'COMPLETE',
];
const RECEIVING_INSTITUTION: ReferralAction[] = ['ACCEPT', 'REJECT', 'ARRIVE', 'COMPLETE'];

const PARTY_CASES: { name: string; actor: Actor; parties: Parties; may: ReferralAction[] }[] = [
  { name: 'coordinator, up-referral', actor: coordinator, parties: up, may: RECEIVER },
  { name: 'coordinator, down-referral', actor: coordinator, parties: down, may: RECEIVER },
  {
    name: 'coordinator who also has an institution',
    actor: actor(Role.COORDINATOR, CHC),
    parties: up,
    may: RECEIVER,
  },
  {
    name: 'specialist of the receiving department',
    actor: actor(Role.SPECIALIST, CORE, CARDIO),
    parties: up,
    may: RECEIVER,
  },
  {
    name: 'specialist of another department, same hospital',
    actor: actor(Role.SPECIALIST, CORE, NEURO),
    parties: up,
    may: [],
  },
  {
    name: 'specialist without a department',
    actor: actor(Role.SPECIALIST, CORE, null),
    parties: up,
    may: [],
  },
  {
    name: 'specialist of the sending institution',
    actor: actor(Role.SPECIALIST, CHC, 'dept-chc-gp'),
    parties: up,
    may: [],
  },
  {
    name: 'specialist of the receiving institution, no department on the referral',
    actor: actor(Role.SPECIALIST, CHC, 'dept-chc-gp'),
    parties: down,
    may: RECEIVER,
  },
  {
    name: 'specialist of another institution, no department on the referral',
    actor: actor(Role.SPECIALIST, OTHER, 'dept-other'),
    parties: down,
    may: [],
  },
  {
    name: 'specialist without institution, no department on the referral',
    actor: actor(Role.SPECIALIST, null, null),
    parties: down,
    may: [],
  },
  ...([Role.REFERRING_DOCTOR, Role.PARTNER_APP] as const).flatMap((role) => [
    {
      name: `${role} of the sending institution`,
      actor: actor(role, CHC),
      parties: up,
      may: ['CANCEL'] as ReferralAction[],
    },
    {
      name: `${role} of the receiving institution (up)`,
      actor: actor(role, CORE),
      parties: up,
      may: RECEIVING_INSTITUTION,
    },
    {
      name: `${role} of the receiving institution (down)`,
      actor: actor(role, CHC),
      parties: down,
      may: RECEIVING_INSTITUTION,
    },
    {
      name: `${role} of the sending institution (down)`,
      actor: actor(role, CORE),
      parties: down,
      may: ['CANCEL'] as ReferralAction[],
    },
    { name: `${role} of another institution`, actor: actor(role, OTHER), parties: up, may: [] },
    { name: `${role} without an institution`, actor: actor(role, null), parties: up, may: [] },
    {
      name: `${role} of both ends (within one institution)`,
      actor: actor(role, CORE),
      parties: { fromInstitutionId: CORE, toInstitutionId: CORE, toDepartmentId: CARDIO },
      may: [...RECEIVING_INSTITUTION, 'CANCEL'] as ReferralAction[],
    },
  ]),
  {
    name: 'admin of the receiving institution',
    actor: actor(Role.ADMIN, CORE, CARDIO),
    parties: up,
    may: [],
  },
  { name: 'admin of the sending institution', actor: actor(Role.ADMIN, CHC), parties: up, may: [] },
  ...ROLES.map((role) => ({
    name: `the system sweeper (role ${role})`,
    actor: { ...actor(role, CORE, CARDIO), system: true },
    parties: up,
    may: ['EXPIRE'] as ReferralAction[],
  })),
];

describe('who may: every actor × action', () => {
  it('covers every role', () => {
    const roles = new Set(PARTY_CASES.filter((c) => c.actor.system !== true).map((c) => c.actor.role));
    expect([...roles].sort()).toEqual([...ROLES].sort());
  });

  const rows = PARTY_CASES.flatMap((c) => REFERRAL_ACTIONS.map((action) => ({ ...c, action })));

  it.each(rows)('$name: $action', ({ actor: who, parties, may, action }) => {
    const allowed = may.includes(action);
    expect(mayAct(action, who, parties)).toBe(allowed);
    // From a status where the action is legal, so only the actor decides the outcome.
    const from = TRANSITIONS[action].from[0]!;
    const run = () => decideTransition(from, action, who, parties, { previousStatus: S.SUBMITTED });
    if (allowed) expect(() => run()).not.toThrow();
    else domainError(run, 'FORBIDDEN');
  });

  it('only the system expires, even the coordinator may not', () => {
    domainError(() => decideTransition(S.SUBMITTED, 'EXPIRE', coordinator, up), 'FORBIDDEN');
    expect(decideTransition(S.SUBMITTED, 'EXPIRE', sweeper, up)).toBe(S.EXPIRED);
  });
});

describe('forbidden is checked before the state', () => {
  const outsiders: Actor[] = [
    actor(Role.ADMIN, CORE),
    actor(Role.REFERRING_DOCTOR, OTHER),
    actor(Role.PARTNER_APP, OTHER),
    actor(Role.SPECIALIST, CORE, NEURO),
  ];
  const rows = outsiders.flatMap((who) =>
    STATUSES.flatMap((status) => REFERRAL_ACTIONS.map((action) => ({ who, role: who.role, status, action }))),
  );

  it.each(rows)('$role on a $status referral: $action', ({ who, status, action }) => {
    const err = domainError(() => decideTransition(status, action, who, up), 'FORBIDDEN');
    // An outsider learns nothing about the referral's state.
    for (const s of STATUSES) expect(err.message).not.toContain(s);
    expect(err.details).toBeUndefined();
  });

  it('an allowed role that may not do this action is FORBIDDEN on a final referral, not CONFLICT', () => {
    domainError(() => decideTransition(S.COMPLETED, 'CANCEL', coordinator, up), 'FORBIDDEN');
    domainError(
      () => decideTransition(S.COMPLETED, 'REDIRECT', actor(Role.REFERRING_DOCTOR, CORE), up),
      'FORBIDDEN',
    );
  });
});

describe('UNSCHEDULE goes back to the status before the slot', () => {
  const specialist = actor(Role.SPECIALIST, CORE, CARDIO);

  it.each(UNSCHEDULE_TARGETS.map((previous) => ({ previous })))('back to $previous', ({ previous }) => {
    expect(decideTransition(S.SCHEDULED, 'UNSCHEDULE', specialist, up, { previousStatus: previous })).toBe(
      previous,
    );
    expect(decideTransition(S.SCHEDULED, 'UNSCHEDULE', coordinator, up, { previousStatus: previous })).toBe(
      previous,
    );
  });

  it('a schedule/unschedule round trip returns to where it started', () => {
    for (const start of [S.SUBMITTED, S.ACCEPTED]) {
      const scheduled = decideTransition(start, 'SCHEDULE', specialist, up);
      expect(decideTransition(scheduled, 'UNSCHEDULE', specialist, up, { previousStatus: start })).toBe(
        start,
      );
    }
  });

  it('refuses a missing previous status as a caller bug (not a DomainError)', () => {
    const run = () => decideTransition(S.SCHEDULED, 'UNSCHEDULE', specialist, up);
    expect(run).toThrow(/previousStatus/);
    expect(run).not.toThrow(DomainError);
  });

  it.each(STATUSES.filter((s) => !UNSCHEDULE_TARGETS.includes(s)).map((previous) => ({ previous })))(
    'refuses previous status $previous',
    ({ previous }) => {
      expect(() =>
        decideTransition(S.SCHEDULED, 'UNSCHEDULE', specialist, up, { previousStatus: previous }),
      ).toThrow(/previousStatus/);
    },
  );

  it('state is checked before the previous status', () => {
    const err = domainError(
      () => decideTransition(S.ACCEPTED, 'UNSCHEDULE', specialist, up, { previousStatus: S.SUBMITTED }),
      'CONFLICT',
    );
    expect(err.details).toEqual({ currentStatus: S.ACCEPTED });
  });

  it('options are ignored by other actions', () => {
    expect(decideTransition(S.SUBMITTED, 'ACCEPT', specialist, up, { previousStatus: S.ARRIVED })).toBe(
      S.ACCEPTED,
    );
  });
});

describe('allowedActions', () => {
  it.each([
    {
      name: 'coordinator, SUBMITTED',
      who: coordinator,
      status: S.SUBMITTED,
      expected: ['ACCEPT', 'REJECT', 'REDIRECT', 'SCHEDULE'],
    },
    {
      name: 'coordinator, ACCEPTED',
      who: coordinator,
      status: S.ACCEPTED,
      expected: ['REJECT', 'SCHEDULE', 'ARRIVE'],
    },
    {
      name: 'coordinator, SCHEDULED',
      who: coordinator,
      status: S.SCHEDULED,
      expected: ['UNSCHEDULE', 'ARRIVE'],
    },
    { name: 'coordinator, ARRIVED', who: coordinator, status: S.ARRIVED, expected: ['COMPLETE'] },
    {
      name: 'sender, SUBMITTED',
      who: actor(Role.REFERRING_DOCTOR, CHC),
      status: S.SUBMITTED,
      expected: ['CANCEL'],
    },
    { name: 'sender, ARRIVED', who: actor(Role.REFERRING_DOCTOR, CHC), status: S.ARRIVED, expected: [] },
    {
      name: 'receiving hospital app, ACCEPTED',
      who: actor(Role.PARTNER_APP, CORE),
      status: S.ACCEPTED,
      expected: ['REJECT', 'ARRIVE'],
    },
    { name: 'sweeper, SUBMITTED', who: sweeper, status: S.SUBMITTED, expected: ['EXPIRE'] },
    { name: 'sweeper, ACCEPTED', who: sweeper, status: S.ACCEPTED, expected: [] },
    { name: 'admin, SUBMITTED', who: actor(Role.ADMIN, CORE, CARDIO), status: S.SUBMITTED, expected: [] },
  ] as { name: string; who: Actor; status: ReferralStatus; expected: ReferralAction[] }[])(
    '$name',
    ({ who, status, expected }) => {
      expect(allowedActions(status, who, up)).toEqual(expected);
    },
  );

  it('lists exactly the actions decideTransition would allow, for every actor and status', () => {
    for (const c of PARTY_CASES) {
      for (const status of STATUSES) {
        const works = REFERRAL_ACTIONS.filter((action) => {
          try {
            decideTransition(status, action, c.actor, c.parties, { previousStatus: S.ACCEPTED });
            return true;
          } catch {
            return false;
          }
        });
        expect(allowedActions(status, c.actor, c.parties), `${c.name} ${status}`).toEqual(works);
      }
    }
  });

  it('offers nothing on a final referral', () => {
    for (const status of STATUSES.filter(isFinal)) {
      for (const c of PARTY_CASES) expect(allowedActions(status, c.actor, c.parties)).toEqual([]);
    }
  });
});

describe('isOpen / isAnswered / isFinal', () => {
  it.each([
    { status: S.SUBMITTED, open: true, answered: false },
    { status: S.ACCEPTED, open: true, answered: true },
    { status: S.SCHEDULED, open: true, answered: true },
    { status: S.ARRIVED, open: true, answered: true },
    { status: S.COMPLETED, open: false, answered: true },
    { status: S.REJECTED, open: false, answered: true },
    { status: S.CANCELLED, open: false, answered: false },
    { status: S.EXPIRED, open: false, answered: false },
  ])('$status: open $open, answered $answered', ({ status, open, answered }) => {
    expect(isOpen(status)).toBe(open);
    expect(isFinal(status)).toBe(!open);
    expect(isAnswered(status)).toBe(answered);
  });

  it('no action leads out of a final status', () => {
    for (const action of REFERRAL_ACTIONS) {
      for (const from of TRANSITIONS[action].from) expect(isOpen(from), `${action} from ${from}`).toBe(true);
    }
  });
});

describe('directionFitsTiers: all 27 combinations', () => {
  const T = InstitutionTier;
  const D = ReferralDirection;
  const FITS = new Set([
    `${D.UPWARD} ${T.PRIMARY} ${T.SECONDARY}`,
    `${D.UPWARD} ${T.PRIMARY} ${T.TERTIARY}`,
    `${D.UPWARD} ${T.SECONDARY} ${T.TERTIARY}`,
    `${D.DOWNWARD} ${T.TERTIARY} ${T.SECONDARY}`,
    `${D.DOWNWARD} ${T.TERTIARY} ${T.PRIMARY}`,
    `${D.DOWNWARD} ${T.SECONDARY} ${T.PRIMARY}`,
    `${D.LATERAL} ${T.PRIMARY} ${T.PRIMARY}`,
    `${D.LATERAL} ${T.SECONDARY} ${T.SECONDARY}`,
    `${D.LATERAL} ${T.TERTIARY} ${T.TERTIARY}`,
  ]);
  const rows = Object.values(D).flatMap((direction) =>
    Object.values(T).flatMap((from) =>
      Object.values(T).map((to) => ({ direction, from, to, fits: FITS.has(`${direction} ${from} ${to}`) })),
    ),
  );

  it('has 27 rows, 9 of which fit', () => {
    expect(rows).toHaveLength(27);
    expect(rows.filter((r) => r.fits)).toHaveLength(9);
  });

  it.each(rows)('$direction $from → $to: $fits', ({ direction, from, to, fits }) => {
    expect(directionFitsTiers(direction, from, to)).toBe(fits);
    const error = directionError(direction, from, to);
    if (fits) {
      expect(error).toBeNull();
    } else {
      expect(error).toContain(direction);
      expect(error).toContain(to);
    }
  });
});

describe('validateReason', () => {
  it.each([
    { text: null, name: 'null' },
    { text: undefined, name: 'undefined' },
    { text: '', name: 'empty' },
    { text: '   ', name: 'spaces' },
    { text: '\n\t　', name: 'newline, tab and an ideographic space' },
  ])('required and $name: BAD_USER_INPUT naming the field', ({ text }) => {
    const err = domainError(() => validateReason('input.reason', text, true), 'BAD_USER_INPUT');
    expect(err.field).toBe('input.reason');
    expect(err.message).toContain('input.reason');
  });

  it.each([null, undefined, '', '  '])('optional and absent (%j): null', (text) => {
    expect(validateReason('note', text, false)).toBeNull();
  });

  it('trims', () => {
    expect(validateReason('reason', '  床位已满  ', true)).toBe('床位已满');
    expect(validateReason('reason', '\n病情稳定\t', false)).toBe('病情稳定');
  });

  it('accepts exactly the maximum, and refuses one more', () => {
    expect(validateReason('reason', 'a'.repeat(2000), true)).toHaveLength(2000);
    const err = domainError(() => validateReason('reason', 'a'.repeat(2001), true), 'BAD_USER_INPUT');
    expect(err.field).toBe('reason');
    expect(err.message).toContain('2000');
    // An optional text is still bounded.
    domainError(() => validateReason('reason', 'a'.repeat(2001), false), 'BAD_USER_INPUT');
  });

  it('counts length after trimming', () => {
    expect(validateReason('reason', `   ${'a'.repeat(10)}   `, true, 10)).toBe('a'.repeat(10));
  });

  it('takes a custom maximum', () => {
    expect(validateReason('reason', 'abc', true, 3)).toBe('abc');
    domainError(() => validateReason('reason', 'abcd', true, 3), 'BAD_USER_INPUT');
  });

  it('counts characters, not UTF-16 units (Chinese, emoji)', () => {
    expect(validateReason('reason', '转'.repeat(2000), true)).toHaveLength(2000);
    expect(validateReason('reason', '😷'.repeat(5), true, 5)).toBe('😷'.repeat(5));
    domainError(() => validateReason('reason', '😷'.repeat(6), true, 5), 'BAD_USER_INPUT');
  });
});
