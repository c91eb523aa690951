import type { Cache, Data } from '@urql/exchange-graphcache';
import { REFERRAL_URGENCIES } from './enums';
import { graphql } from './graphql';

/**
 * Keeps the cached referral lists (`Query.referrals(filter, first)`) right when a referral changes,
 * from a subscription event or a mutation's answer, without refetching: a referral that now matches a
 * list's filter is put in its queue position, one that no longer matches leaves it. The referral's own
 * fields need nothing: graphcache normalises it by id, so every list showing it already sees the change.
 */

/** The referral fields list membership and order depend on (raw result data, before normalising). */
export interface ReferralFacts {
  id: string;
  status?: string;
  urgency?: string;
  direction?: string;
  dueBy?: string;
  fromInstitution?: { id?: string } | null;
  toInstitution?: { id?: string } | null;
  toDepartment?: { id?: string } | null;
}

/** The server's `ReferralFilter`, as it is stored in the cache's field arguments. */
export interface ReferralFilterArgs {
  direction?: string | null;
  fromInstitutionId?: string | null;
  toInstitutionId?: string | null;
  toDepartmentId?: string | null;
  status?: readonly string[] | null;
  urgency?: string | null;
}

/**
 * Whether a referral belongs in a list with this filter: true, false, or undefined when the facts
 * needed to decide were not selected (the list is then left alone).
 */
export function matchesFilter(
  referral: ReferralFacts,
  filter: ReferralFilterArgs | null | undefined,
): boolean | undefined {
  if (!filter) return true;
  const checks: [unknown, unknown, (want: never, have: never) => boolean][] = [];
  const equal = (want: unknown, have: unknown) => want === have;
  if (filter.direction) checks.push([filter.direction, referral.direction, equal]);
  if (filter.urgency) checks.push([filter.urgency, referral.urgency, equal]);
  if (filter.fromInstitutionId) checks.push([filter.fromInstitutionId, referral.fromInstitution?.id, equal]);
  if (filter.toInstitutionId) checks.push([filter.toInstitutionId, referral.toInstitution?.id, equal]);
  if (filter.toDepartmentId)
    checks.push([
      filter.toDepartmentId,
      referral.toDepartment === null ? null : referral.toDepartment?.id,
      equal,
    ]);
  if (filter.status?.length)
    checks.push([
      filter.status,
      referral.status,
      (want: readonly string[], have: string) => want.includes(have),
    ]);
  let unknown = false;
  for (const [want, have, test] of checks) {
    if (have === undefined) unknown = true;
    else if (!test(want as never, have as never)) return false;
  }
  return unknown ? undefined : true;
}

const URGENCY_RANK = new Map<string, number>(REFERRAL_URGENCIES.map((urgency, rank) => [urgency, rank]));

/** Queue order, as the server sorts: green channel (EMERGENCY) first, then urgent, then by deadline. */
export function compareQueueOrder(
  a: { urgency?: string; dueBy?: string; id: string },
  b: { urgency?: string; dueBy?: string; id: string },
): number {
  const rank = (URGENCY_RANK.get(a.urgency ?? '') ?? 9) - (URGENCY_RANK.get(b.urgency ?? '') ?? 9);
  if (rank !== 0) return rank;
  const due = Date.parse(a.dueBy ?? '') - Date.parse(b.dueBy ?? '');
  if (due !== 0 && !Number.isNaN(due)) return due;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface CachedEdge {
  __typename: 'ReferralEdge';
  cursor: string;
  node: { __typename: 'Referral'; id: string };
}
interface CachedList {
  referrals: { __typename: 'ReferralConnection'; totalCount: number; edges: CachedEdge[] };
}

/** What the updater reads and writes of one list: enough to insert, remove and count. */
const ReferralListShape = graphql(`
  query ReferralListShape($filter: ReferralFilter, $first: Int) {
    referrals(filter: $filter, first: $first) {
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

/**
 * Applies one referral's current state to every cached first page of `Query.referrals`.
 */
export function placeReferralInLists(cache: Cache, referral: ReferralFacts): void {
  const referralKey = cache.keyOfEntity({ __typename: 'Referral', id: referral.id });
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName !== 'referrals' || field.arguments?.after) continue;
    const args = field.arguments ?? {};
    const belongs = matchesFilter(referral, args.filter as ReferralFilterArgs | undefined);
    if (belongs === undefined) continue;
    cache.updateQuery<CachedList>({ query: ReferralListShape, variables: args }, (data) => {
      if (!data?.referrals) return data;
      const edges = data.referrals.edges;
      const at = edges.findIndex((edge) => cache.keyOfEntity(edge.node) === referralKey);
      if (belongs === at >= 0) return data;
      const next = [...edges];
      if (at >= 0) next.splice(at, 1);
      else {
        const facts = (edge: CachedEdge) => ({
          id: edge.node.id,
          urgency: cache.resolve(edge.node, 'urgency') as string | undefined,
          dueBy: cache.resolve(edge.node, 'dueBy') as string | undefined,
        });
        const position = next.findIndex((edge) => compareQueueOrder(referral, facts(edge)) < 0);
        const edge: CachedEdge = {
          __typename: 'ReferralEdge',
          cursor: '',
          node: { __typename: 'Referral', id: referral.id },
        };
        next.splice(position < 0 ? next.length : position, 0, edge);
      }
      const totalCount = Math.max(0, data.referrals.totalCount + (at >= 0 ? -1 : 1));
      return { ...data, referrals: { ...data.referrals, totalCount, edges: next } };
    });
  }
}

/** The referral in a result field's raw data, if it is one (`{ __typename: 'Referral', id }`). */
export function asReferral(value: unknown): ReferralFacts | null {
  if (typeof value !== 'object' || value === null) return null;
  const data = value as Data;
  return data.__typename === 'Referral' && typeof data.id === 'string'
    ? (data as unknown as ReferralFacts)
    : null;
}
