import { afterEach, describe, expect, it, vi } from 'vitest';
import { createYilianClient } from './client';
import { graphql } from './graphql';
import { compareSlotOrder, slotMatches } from './slot-lists';

const OpenSlots = graphql(`
  query OpenSlotsTest($departmentId: ID, $status: SlotStatus, $first: Int) {
    reservedSlots(departmentId: $departmentId, status: $status, first: $first) {
      totalCount
      pageInfo {
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          status
          pool
          start
          department {
            id
            institution {
              id
            }
          }
        }
      }
    }
  }
`);

const Claim = graphql(`
  mutation ClaimTest($slotId: ID!, $referralId: ID!) {
    claimSlot(slotId: $slotId, referralId: $referralId) {
      id
      status
      pool
      start
      department {
        id
        institution {
          id
        }
      }
    }
  }
`);

const Release = graphql(`
  mutation ReleaseTest($slotId: ID!) {
    releaseSlot(slotId: $slotId) {
      id
      status
      pool
      start
      department {
        id
        institution {
          id
        }
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

const slot = (id: string, start: string, status = 'OPEN', department = 'D1') => ({
  __typename: 'Slot',
  id,
  status,
  pool: 'ALLIANCE_RESERVED',
  start,
  department: {
    __typename: 'Department',
    id: department,
    institution: { __typename: 'Institution', id: 'H1' },
  },
});

const page = (hasNextPage: boolean, ...slots: ReturnType<typeof slot>[]) => ({
  data: {
    reservedSlots: {
      __typename: 'SlotConnection',
      totalCount: slots.length + (hasNextPage ? 10 : 0),
      pageInfo: { __typename: 'PageInfo', hasNextPage },
      edges: slots.map((node) => ({ __typename: 'SlotEdge', cursor: `c-${node.id}`, node })),
    },
  },
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('slotMatches', () => {
  const now = Date.parse('2026-11-25T00:00:00Z');
  const s = slot('S1', '2026-11-25T01:00:00Z');
  it('decides by status, department, institution and time window', () => {
    expect(slotMatches(s, {}, now)).toBe(true);
    expect(slotMatches(s, { status: 'OPEN', departmentId: 'D1', institutionId: 'H1' }, now)).toBe(true);
    expect(slotMatches(s, { status: 'BOOKED' }, now)).toBe(false);
    expect(slotMatches(s, { departmentId: 'D2' }, now)).toBe(false);
    expect(slotMatches(s, { to: '2026-11-25T01:00:00Z' }, now)).toBe(false);
    expect(slotMatches(s, { from: '2026-11-25T02:00:00Z' }, now)).toBe(false);
    // Without `from`, the list starts at the moment it was read: a slot already started is not in it.
    expect(slotMatches(s, {}, Date.parse('2026-11-25T03:00:00Z'))).toBe(false);
    expect(slotMatches({ id: 'S2', start: '2026-11-25T01:00:00Z' }, { status: 'OPEN' }, now)).toBeUndefined();
  });

  it('orders by start, then id', () => {
    const list = [
      slot('b', '2026-11-25T02:00:00Z'),
      slot('c', '2026-11-25T01:00:00Z'),
      slot('a', '2026-11-25T02:00:00Z'),
    ];
    expect(list.sort(compareSlotOrder).map((x) => x.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('cached slot lists', () => {
  async function setup(answers: unknown[]) {
    const fetchMock = vi.fn(
      async () =>
        new Response(JSON.stringify(answers.shift()), { headers: { 'content-type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const yilian = createYilianClient({
      token: null,
      onUnauthenticated: () => {},
      url: 'http://test.invalid/graphql',
      wsUrl: 'ws://test.invalid/graphql',
      webSocketImpl: UnusedWebSocket,
    });
    return { ...yilian, fetchMock };
  }

  it('drop a claimed slot from a list of open slots and take it back in its place when released, with no refetch', async () => {
    const { client, dispose, fetchMock } = await setup([
      page(false, slot('S1', '2099-01-01T01:00:00Z'), slot('S2', '2099-01-01T02:00:00Z')),
      { data: { claimSlot: slot('S1', '2099-01-01T01:00:00Z', 'BOOKED') } },
      { data: { releaseSlot: slot('S1', '2099-01-01T01:00:00Z', 'OPEN') } },
    ]);
    const vars = { departmentId: 'D1', status: 'OPEN' as const, first: 10 };
    const ids = async () =>
      (await client.query(OpenSlots, vars, { requestPolicy: 'cache-only' }).toPromise()).data?.reservedSlots;
    await client.query(OpenSlots, vars).toPromise();

    await client.mutation(Claim, { slotId: 'S1', referralId: 'R1' }).toPromise();
    let list = await ids();
    expect(list?.edges.map((e) => e.node.id)).toEqual(['S2']);
    expect(list?.totalCount).toBe(1);

    await client.mutation(Release, { slotId: 'S1' }).toPromise();
    list = await ids();
    expect(list?.edges.map((e) => e.node.id)).toEqual(['S1', 'S2']);
    expect(list?.totalCount).toBe(2);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    dispose();
  });

  it('leave a slot that starts after a full page to the later page', async () => {
    const { client, dispose } = await setup([
      page(true, slot('S1', '2099-01-01T01:00:00Z')),
      { data: { releaseSlot: slot('S9', '2099-01-02T01:00:00Z', 'OPEN') } },
      { data: { releaseSlot: slot('S0', '2099-01-01T00:30:00Z', 'OPEN') } },
    ]);
    const vars = { departmentId: 'D1', status: 'OPEN' as const, first: 1 };
    await client.query(OpenSlots, vars).toPromise();
    await client.mutation(Release, { slotId: 'S9' }).toPromise();
    const ids = async () =>
      (
        await client.query(OpenSlots, vars, { requestPolicy: 'cache-only' }).toPromise()
      ).data?.reservedSlots.edges.map((e) => e.node.id);
    expect(await ids()).toEqual(['S1']);
    // One that starts before the page's last slot belongs on it.
    await client.mutation(Release, { slotId: 'S0' }).toPromise();
    expect(await ids()).toEqual(['S0', 'S1']);
    dispose();
  });
});
