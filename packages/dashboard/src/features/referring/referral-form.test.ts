import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import {
  emptyForm,
  formFieldOf,
  missingFields,
  newIdempotencyKey,
  serverErrors,
  toInput,
} from './referral-form';

const refusal = (...errors: [string, Record<string, unknown>][]) =>
  new CombinedError({
    graphQLErrors: errors.map(([message, extensions]) => new GraphQLError(message, { extensions })),
  });

describe('the new-referral form', () => {
  it('maps the server’s field paths to its own fields', () => {
    expect(formFieldOf('input.patient.residentId')).toBe('residentId');
    expect(formFieldOf('input.diagnosisCode')).toBe('diagnosisCode');
    expect(formFieldOf('input.toDepartmentId')).toBe('toDepartmentId');
    expect(formFieldOf('input.fromInstitution')).toBeNull();
    expect(formFieldOf('idempotencyKey')).toBeNull();
  });

  it('puts a BAD_USER_INPUT at its field and anything else above the form', () => {
    const error = refusal([
      'resident ID is not valid: check digit does not match',
      {
        code: 'BAD_USER_INPUT',
        field: 'input.patient.residentId',
      },
    ]);
    expect(serverErrors(error, false)).toEqual({
      fields: {
        residentId: { kind: 'server', detail: 'resident ID is not valid: check digit does not match' },
      },
      form: null,
    });
    const forbidden = refusal([
      'only a member institution’s doctor or system can send a referral',
      { code: 'FORBIDDEN' },
    ]);
    expect(serverErrors(forbidden, false)).toEqual({
      fields: {},
      form: 'only a member institution’s doctor or system can send a referral',
    });
  });

  it('puts a CONFLICT at the slot when one was chosen (taken meanwhile, or over the quota)', () => {
    const taken = refusal(['slot is no longer open (OPEN)', { code: 'CONFLICT', currentStatus: 'OPEN' }]);
    expect(serverErrors(taken, true).fields.slotId).toEqual({
      kind: 'server',
      detail: 'slot is no longer open (OPEN)',
    });
    expect(serverErrors(taken, false).form).toBe('slot is no longer open (OPEN)');
  });

  it('checks only that required fields are filled, and sends trimmed input without empty options', () => {
    expect(Object.keys(missingFields(emptyForm('H1'))).sort()).toEqual(
      ['birthDate', 'diagnosisCode', 'name', 'reason', 'residentId', 'sex'].sort(),
    );
    const values = {
      ...emptyForm('H1'),
      name: ' 王秀英 ',
      residentId: '33120219480312102x ',
      sex: 'F' as const,
      birthDate: '1948-03-12',
      diagnosisCode: 'i20.0',
      reason: '胸痛',
    };
    expect(missingFields(values)).toEqual({});
    expect(toInput(values)).toEqual({
      direction: 'UPWARD',
      urgency: 'ROUTINE',
      patient: {
        name: '王秀英',
        residentId: '33120219480312102X',
        sex: 'F',
        birthDate: '1948-03-12',
        phone: null,
      },
      toInstitutionId: 'H1',
      toDepartmentId: null,
      diagnosisCode: 'I20.0',
      reason: '胸痛',
      clinicalSummary: null,
      slotId: null,
    });
  });

  it('makes a new idempotency key each time', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^web-[0-9a-f]{32}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});
