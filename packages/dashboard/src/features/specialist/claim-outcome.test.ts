import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { claimOutcome } from './claim-outcome';

const refused = (message: string, extensions: Record<string, unknown>) =>
  new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] });

describe('claimOutcome', () => {
  it('is won when the slot comes back', () => {
    expect(claimOutcome({ data: { claimSlot: { start: '2026-11-25T08:30:00+08:00' } } }, 'ZZ-1')).toEqual({
      kind: 'won',
      referralCode: 'ZZ-1',
      slotStart: '2026-11-25T08:30:00+08:00',
    });
  });

  it('is lost, naming the winner and when, on a CONFLICT with claimedBy', () => {
    const error = refused('slot already claimed by 宋子谦', {
      code: 'CONFLICT',
      claimedBy: '宋子谦',
      claimedAt: '2026-11-25T06:12:00.000Z',
    });
    expect(claimOutcome({ error }, 'ZZ-1')).toEqual({
      kind: 'lost',
      referralCode: 'ZZ-1',
      by: '宋子谦',
      at: '2026-11-25T06:12:00.000Z',
    });
  });

  it('fails with the server message for any other refusal', () => {
    const notOnDuty = refused('you are not on duty in this department now', { code: 'FORBIDDEN' });
    expect(claimOutcome({ error: notOnDuty }, 'ZZ-1')).toEqual({
      kind: 'failed',
      referralCode: 'ZZ-1',
      message: 'you are not on duty in this department now',
    });
    // A slot that is no longer open for another reason (released to the public) names nobody.
    const released = refused('slot is RELEASED, not open', { code: 'CONFLICT', claimedBy: null });
    expect(claimOutcome({ error: released }, 'ZZ-1').kind).toBe('failed');
    const offline = new CombinedError({ networkError: new Error('offline') });
    expect(claimOutcome({ error: offline }, 'ZZ-1')).toEqual({
      kind: 'failed',
      referralCode: 'ZZ-1',
      message: null,
    });
  });
});
