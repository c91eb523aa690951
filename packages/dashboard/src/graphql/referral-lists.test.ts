import { describe, expect, it, vi } from 'vitest';
import { createYilianClient } from './client';
import type { ReferralStatus } from './enums';
import { graphql } from './graphql';
import { compareQueueOrder, matchesFilter } from './referral-lists';

const Queue = graphql(`
  query QueueTest($filter: ReferralFilter) {
    referrals(filter: $filter, first: 50) {
      totalCount
      edges {
        cursor
        node {
          id
          code
          status
          urgency
          direction
          dueBy
          fromInstitution {
            id
          }
          toInstitution {
            id
          }
          toDepartment {
            id
          }
        }
      }
    }
  }
`);

const Reject = graphql(`
  mutation RejectTest($id: ID!) {
    rejectReferral(id: $id, reason: "x") {
      id
      code
      status
      urgency
      direction
      dueBy
      fromInstitution {
        id
      }
      toInstitution {
        id
      }
      toDepartment {
        id
      }
    }
  }
`);

const Create = graphql(`
  mutation CreateTest($input: CreateReferralInput!) {
    createReferral(input: $input) {
      id
      code
      status
      urgency
      direction
      dueBy
      fromInstitution {
        id
      }
      toInstitution {
        id
      }
      toDepartment {
        id
      }
    }
  }
`);

class UnusedWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
}

const referral = (id: string, urgency: string, dueBy: string, status = 'SUBMITTED', to = 'H1') => ({
  __typename: 'Referral',
  id,
  code: `ZZ-${id}`,
  status,
  urgency,
  direction: 'UPWARD',
  dueBy,
  fromInstitution: { __typename: 'Institution', id: 'C1' },
  toInstitution: { __typename: 'Institution', id: to },
  toDepartment: null,
});

describe('matchesFilter', () => {
  const r = referral('R1', 'URGENT', '2026-01-01T10:00:00Z');
  it('decides by every filter field, and says "unknown" when a needed field was not selected', () => {
    expect(matchesFilter(r, null)).toBe(true);
    expect(matchesFilter(r, { status: ['SUBMITTED', 'ACCEPTED'], toInstitutionId: 'H1' })).toBe(true);
    expect(matchesFilter(r, { status: ['ACCEPTED'] })).toBe(false);
    expect(matchesFilter(r, { direction: 'DOWNWARD' })).toBe(false);
    expect(matchesFilter(r, { toDepartmentId: 'D1' })).toBe(false);
    expect(matchesFilter({ id: 'R2' }, { urgency: 'URGENT' })).toBeUndefined();
  });
});

describe('compareQueueOrder', () => {
  it('puts the green channel first, then urgent, then the earliest deadline', () => {
    const list = [
      referral('a', 'ROUTINE', '2026-01-01T08:00:00Z'),
      referral('b', 'URGENT', '2026-01-01T12:00:00Z'),
      referral('c', 'EMERGENCY', '2026-01-01T13:00:00Z'),
      referral('d', 'URGENT', '2026-01-01T09:00:00Z'),
    ];
    expect([...list].sort(compareQueueOrder).map((x) => x.id)).toEqual(['c', 'd', 'b', 'a']);
  });
});

describe('cached referral lists', () => {
  it('take in a new referral at its queue position and drop one that no longer matches, with no refetch', async () => {
    const open: { status: ReferralStatus[] } = { status: ['SUBMITTED', 'ACCEPTED'] };
    const answers: unknown[] = [
      {
        data: {
          referrals: {
            __typename: 'ReferralConnection',
            totalCount: 2,
            edges: [
              {
                __typename: 'ReferralEdge',
                cursor: 'x',
                node: referral('R1', 'URGENT', '2026-01-01T10:00:00Z'),
              },
              {
                __typename: 'ReferralEdge',
                cursor: 'y',
                node: referral('R2', 'ROUTINE', '2026-01-01T09:00:00Z'),
              },
            ],
          },
        },
      },
      { data: { rejectReferral: referral('R1', 'URGENT', '2026-01-01T10:00:00Z', 'REJECTED') } },
      { data: { createReferral: referral('R3', 'EMERGENCY', '2026-01-01T11:00:00Z') } },
      { data: { createReferral: referral('R4', 'ROUTINE', '2026-01-01T11:00:00Z', 'SUBMITTED', 'H2') } },
    ];
    const fetchMock = vi.fn(
      async () =>
        new Response(JSON.stringify(answers.shift()), { headers: { 'content-type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const { client, dispose } = createYilianClient({
      token: null,
      onUnauthenticated: () => {},
      url: 'http://test.invalid/graphql',
      wsUrl: 'ws://test.invalid/graphql',
      webSocketImpl: UnusedWebSocket,
    });
    const ids = async () =>
      (await client.query(Queue, { filter: open }, { requestPolicy: 'cache-only' }).toPromise()).data
        ?.referrals;

    await client.query(Queue, { filter: open }).toPromise();
    expect((await ids())?.edges.map((e) => e.node.id)).toEqual(['R1', 'R2']);

    // A rejection answers the referral with status REJECTED: it leaves the open queue.
    await client.mutation(Reject, { id: 'R1' }).toPromise();
    let list = await ids();
    expect(list?.edges.map((e) => e.node.id)).toEqual(['R2']);
    expect(list?.totalCount).toBe(1);

    // A new emergency referral (an event does the same): it goes to the head of the queue.
    const input = {} as never; // the canned answer ignores it
    await client.mutation(Create, { input }).toPromise();
    list = await ids();
    expect(list?.edges.map((e) => e.node.id)).toEqual(['R3', 'R2']);
    expect(list?.totalCount).toBe(2);

    // A routine referral with a later deadline goes last.
    await client.mutation(Create, { input }).toPromise();
    expect((await ids())?.edges.map((e) => e.node.id)).toEqual(['R3', 'R2', 'R4']);
    expect(fetchMock).toHaveBeenCalledTimes(4);
    dispose();
    vi.unstubAllGlobals();
  });
});
