import { createRequest, type AnyVariables, type DocumentInput } from 'urql';
import { vi } from 'vitest';
import { createYilianClient, type YilianClient } from '../graphql/client';
import type { SlotStatus } from '../graphql/enums';

/**
 * For page tests rendered on the server side (no DOM): the real client and graphcache, with the server
 * replaced by canned answers chosen by operation name. Pages read what the cache already holds, as on
 * a revisit, so the markup is complete in one synchronous render.
 */

class UnusedWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
}

export function cannedClient(answers: Record<string, unknown>): YilianClient {
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    const { operationName } = JSON.parse(String(init.body)) as { operationName: string };
    const data = answers[operationName];
    if (data === undefined) throw new Error(`no canned answer for ${operationName}`);
    return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
  });
  return createYilianClient({
    token: 't',
    onUnauthenticated: () => {},
    url: 'http://test.invalid/graphql',
    wsUrl: 'ws://test.invalid/graphql',
    webSocketImpl: UnusedWebSocket,
  });
}

/** As if a live page had already read where its events start (useLiveSubscription waits for that). */
export function seedCursor<V extends AnyVariables>(
  yilian: YilianClient,
  subscription: DocumentInput<unknown, V>,
  variables: V,
): void {
  yilian.cursors.seed(String(createRequest(subscription, variables).key), 'c0');
}

/** A referral with every field of `ReferralSummaryFields`, as the server answers it. */
export function cannedReferral(
  code: string,
  overrides: Partial<{
    status: string;
    urgency: string;
    direction: string;
    dueBy: string;
    toDepartment: string | null;
    fromInstitution: string;
    toInstitution: string;
    slot: unknown;
    assignedSpecialist: string | null;
    patient: string;
  }> = {},
) {
  const institution = (id: string) => ({ __typename: 'Institution', id, name: `机构${id}`, shortName: id });
  return {
    __typename: 'Referral',
    id: `R-${code}`,
    code,
    direction: overrides.direction ?? 'UPWARD',
    urgency: overrides.urgency ?? 'ROUTINE',
    status: overrides.status ?? 'SUBMITTED',
    createdAt: '2026-11-25T08:00:00+08:00',
    dueBy: overrides.dueBy ?? '2099-01-01T12:00:00+08:00',
    statusChangedAt: '2026-11-25T08:00:00+08:00',
    statusNote: null,
    diagnosisCode: 'I20.0',
    reason: `原因${code}`,
    guidanceWarning: null,
    patient: {
      __typename: 'Patient',
      id: `P-${code}`,
      displayName: overrides.patient ?? '张*明',
      sex: 'M',
      age: 67,
    },
    fromInstitution: institution(overrides.fromInstitution ?? 'CHC1'),
    toInstitution: institution(overrides.toInstitution ?? 'H1'),
    toDepartment:
      overrides.toDepartment === null
        ? null
        : { __typename: 'Department', id: overrides.toDepartment ?? 'D-CARD', name: '心血管内科' },
    assignedSpecialist: overrides.assignedSpecialist
      ? { __typename: 'Practitioner', id: 'PR-A', name: overrides.assignedSpecialist, title: '主治医师' }
      : null,
    slot: overrides.slot ?? null,
  };
}

/** A slot with every field of `SlotSummaryFields`. */
export function cannedSlot(
  id: string,
  start: string,
  overrides: Partial<{ status: SlotStatus; claimedBy: string; practitioner: string; minutes: number }> = {},
) {
  const end = new Date(Date.parse(start) + (overrides.minutes ?? 20) * 60_000).toISOString();
  return {
    __typename: 'Slot',
    id,
    kind: 'SPECIALIST_CONSULT' as const,
    pool: 'ALLIANCE_RESERVED' as const,
    status: overrides.status ?? ('OPEN' as const),
    start,
    end,
    claimedAt: overrides.claimedBy ? '2026-11-25T06:12:00.000Z' : null,
    practitioner: {
      __typename: 'Practitioner',
      id: `PR-${id}`,
      name: overrides.practitioner ?? '郑国栋',
      title: '主任医师',
    },
    claimedBy: overrides.claimedBy
      ? { __typename: 'Practitioner', id: 'PR-W', name: overrides.claimedBy }
      : null,
    department: {
      __typename: 'Department',
      id: 'D-CARD',
      name: '心血管内科',
      institution: { __typename: 'Institution', id: 'H1' },
    },
  };
}

/** A connection page as the server answers it. */
export function cannedPage(typename: 'Referral' | 'Slot', nodes: readonly unknown[]) {
  return {
    __typename: `${typename}Connection`,
    totalCount: nodes.length,
    pageInfo: { __typename: 'PageInfo', hasNextPage: false },
    edges: nodes.map((node, i) => ({ __typename: `${typename}Edge`, cursor: `c${i}`, node })),
  };
}

/** Text content of the first element carrying `data-testid="<id>"` (no nested tags). */
export function byTestId(html: string, id: string): string | undefined {
  return new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(html)?.[1];
}
