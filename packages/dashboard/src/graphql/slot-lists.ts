import type { Cache, Data } from '@urql/exchange-graphcache';
import { graphql } from './graphql';

/**
 * Keeps the cached reserved-slot lists (`Query.reservedSlots(...)`) right when a slot changes, from a
 * `slotEvents` event or a mutation's answer (claim, release, a referral booked with a slot), without
 * refetching: a slot that now matches a list's arguments is put in its place by start time, one that no
 * longer matches (e.g. booked, in a list of OPEN slots) leaves it. The slot's own fields need nothing:
 * graphcache normalises it by id.
 */

/** The slot fields list membership and order depend on (raw result data, before normalising). */
export interface SlotFacts {
  id: string;
  status?: string;
  pool?: string;
  start?: string;
  department?: { id?: string; institution?: { id?: string } | null } | null;
}

/** `Query.reservedSlots`' arguments, as they are stored in the cache. */
export interface SlotListArgs {
  departmentId?: string | null;
  institutionId?: string | null;
  from?: string | null;
  to?: string | null;
  status?: string | null;
  first?: number | null;
  after?: string | null;
}

/**
 * Whether a slot belongs in a list with these arguments: true, false, or undefined when a fact needed to
 * decide was not selected (the list is then left alone). Without `from` the server lists slots from the
 * moment it answered, which `now` stands for.
 */
export function slotMatches(slot: SlotFacts, args: SlotListArgs, now: number): boolean | undefined {
  let unknown = false;
  const check = (want: unknown, have: unknown) => {
    if (want === null || want === undefined) return true;
    if (have === undefined) {
      unknown = true;
      return true;
    }
    return want === have;
  };
  if (!check(args.status, slot.status)) return false;
  if (!check(args.departmentId, slot.department === null ? null : slot.department?.id)) return false;
  if (!check(args.institutionId, slot.department?.institution?.id)) return false;
  // The list holds the alliance's reserved pool and what it released; never the hospital's own public slots.
  if (slot.pool === 'PUBLIC' && slot.status !== 'RELEASED') return false;
  if (slot.start === undefined) return undefined;
  const start = Date.parse(slot.start);
  const from = args.from ? Date.parse(args.from) : now;
  if (start < from) return false;
  if (args.to && start >= Date.parse(args.to)) return false;
  return unknown ? undefined : true;
}

/** The server's order: by start, then id. */
export function compareSlotOrder(
  a: { start?: string; id: string },
  b: { start?: string; id: string },
): number {
  const byStart = Date.parse(a.start ?? '') - Date.parse(b.start ?? '');
  if (byStart !== 0 && !Number.isNaN(byStart)) return byStart;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface CachedEdge {
  __typename: 'SlotEdge';
  cursor: string;
  node: { __typename: 'Slot'; id: string };
}
interface CachedList {
  reservedSlots: { __typename: 'SlotConnection'; totalCount: number; edges: CachedEdge[] };
}

/** What the updater reads and writes of one list: enough to insert, remove and count. */
const SlotListShape = graphql(`
  query SlotListShape(
    $departmentId: ID
    $institutionId: ID
    $from: DateTime
    $to: DateTime
    $status: SlotStatus
    $first: Int
  ) {
    reservedSlots(
      departmentId: $departmentId
      institutionId: $institutionId
      from: $from
      to: $to
      status: $status
      first: $first
    ) {
      totalCount
      edges {
        cursor
        node {
          id
        }
      }
    }
  }
`);

/** Whether the cached page is the last one (unknown when the list did not select `pageInfo`). */
function isLastPage(cache: Cache, fieldKey: string): boolean {
  const connection = cache.resolve('Query', fieldKey);
  const pageInfo = typeof connection === 'string' ? cache.resolve(connection, 'pageInfo') : null;
  return typeof pageInfo === 'string' && cache.resolve(pageInfo, 'hasNextPage') === false;
}

/** Applies one slot's current state to every cached first page of `Query.reservedSlots`. */
export function placeSlotInLists(cache: Cache, slot: SlotFacts, now = Date.now()): void {
  const slotKey = cache.keyOfEntity({ __typename: 'Slot', id: slot.id });
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName !== 'reservedSlots' || field.arguments?.after) continue;
    const variables = field.arguments ?? {};
    const belongs = slotMatches(slot, variables as SlotListArgs, now);
    if (belongs === undefined) continue;
    const lastPage = isLastPage(cache, field.fieldKey);
    cache.updateQuery<CachedList>({ query: SlotListShape, variables }, (data) => {
      if (!data?.reservedSlots) return data;
      const edges = data.reservedSlots.edges;
      const at = edges.findIndex((edge) => cache.keyOfEntity(edge.node) === slotKey);
      if (belongs === at >= 0) return data;
      const next = [...edges];
      if (at >= 0) next.splice(at, 1);
      else {
        const position = next.findIndex(
          (edge) =>
            compareSlotOrder(slot, { id: edge.node.id, start: cache.resolve(edge.node, 'start') as string }) <
            0,
        );
        // After the last slot of a page that has more: its place is on a later page, not this one.
        if (position < 0 && !lastPage) return data;
        const edge: CachedEdge = {
          __typename: 'SlotEdge',
          cursor: '',
          node: { __typename: 'Slot', id: slot.id },
        };
        next.splice(position < 0 ? next.length : position, 0, edge);
      }
      const totalCount = Math.max(0, data.reservedSlots.totalCount + (at >= 0 ? -1 : 1));
      return { ...data, reservedSlots: { ...data.reservedSlots, totalCount, edges: next } };
    });
  }
}

/** The slot in a result field's raw data, if it is one (`{ __typename: 'Slot', id }`). */
export function asSlot(value: unknown): SlotFacts | null {
  if (typeof value !== 'object' || value === null) return null;
  const data = value as Data;
  return data.__typename === 'Slot' && typeof data.id === 'string' ? (data as unknown as SlotFacts) : null;
}
