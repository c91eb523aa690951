import { renderToStaticMarkup } from 'react-dom/server';
import { createRequest } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { ViewerContext, type SignedIn } from '../../app/viewer';
import { createYilianClient } from '../../graphql/client';
import { YilianProvider } from '../../graphql/YilianProvider';
import { I18nProvider, type Lang } from '../../i18n';
import { Layout } from '../shell/Layout';
import { AllianceMembersQuery, MemberBedsChanged, MembersPage } from './MembersPage';

/*
 * Renders the page (server-side, no DOM needed) through the real client and graphcache, with the
 * server replaced by a canned answer: first the query runs once to fill the cache, then the page
 * renders synchronously from it, as it would on a revisit.
 */

const bed = (
  kind: string,
  dept: string,
  total: number,
  available: number,
  held: number,
  occupied: number,
) => ({
  __typename: 'BedAvailability',
  kind,
  total,
  available,
  held,
  occupied,
  updatedAt: '2026-11-24T09:30:00+08:00',
  institution: { __typename: 'Institution', id: 'I-any' },
  department: { __typename: 'Department', id: `D-${dept}`, code: dept, name: dept },
});

const member = (code: string, role: 'CORE' | 'PARTNER', kind: string, tier: string, beds: unknown[]) => ({
  __typename: 'InstitutionEdge',
  cursor: `c-${code}`,
  node: {
    __typename: 'Institution',
    id: `I-${code}`,
    code,
    name: `机构${code}`,
    kind,
    tier,
    role,
    referralOfficePhone: role === 'CORE' ? '0571-88881234' : null,
    bedAvailability: beds,
  },
});

const signedIn: SignedIn = {
  viewer: {
    id: 'U1',
    username: 'coordinator',
    displayName: '王协调',
    role: 'COORDINATOR',
    institution: { id: 'I-H1', name: '机构H1' },
    department: null,
  },
  alliance: { id: 'A1', name: '西湖城市医疗集团' },
};

const answer = {
  data: {
    alliances: [
      {
        __typename: 'Alliance',
        id: 'A1',
        code: 'DEMO',
        name: '西湖城市医疗集团',
        kind: 'URBAN_MEDICAL_GROUP',
        integration: 'TIGHT',
        core: { __typename: 'Institution', id: 'I-H1', name: '机构H1' },
        members: {
          __typename: 'InstitutionConnection',
          totalCount: 2,
          edges: [
            member('H1', 'CORE', 'GENERAL_HOSPITAL', 'TERTIARY', [
              bed('GENERAL', '0301', 40, 10, 2, 28), // 30/40 = 75%: amber
              bed('GENERAL', '0302', 20, 5, 0, 15),
              bed('ICU', '3001', 10, 1, 1, 8), // 90%: red
            ]),
            member('CHC1', 'PARTNER', 'COMMUNITY_HEALTH_CENTRE', 'PRIMARY', [
              bed('REHABILITATION', '2100', 12, 8, 0, 4), // 33%: green
            ]),
          ],
        },
      },
    ],
  },
};

class UnusedWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
}

async function renderPage(lang: Lang): Promise<string> {
  vi.stubGlobal(
    'fetch',
    async () => new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } }),
  );
  const yilian = createYilianClient({
    token: 't',
    onUnauthenticated: () => {},
    url: 'http://test.invalid/graphql',
    wsUrl: 'ws://test.invalid/graphql',
    webSocketImpl: UnusedWebSocket,
  });
  await yilian.client.query(AllianceMembersQuery, {}).toPromise();
  // As if the page had already read where its bed events start (useLiveQuery waits for that).
  yilian.cursors.seed(String(createRequest(MemberBedsChanged, { allianceId: 'A1' }).key), 'c0');
  const html = renderToStaticMarkup(
    <I18nProvider initialLang={lang}>
      <YilianProvider value={yilian}>
        <ViewerContext.Provider value={signedIn}>
          <Router ssrPath="/members">
            <Layout>
              <MembersPage />
            </Layout>
          </Router>
        </ViewerContext.Provider>
      </YilianProvider>
    </I18nProvider>,
  );
  yilian.dispose();
  return html;
}

/** Text content of the element carrying `data-testid="<id>"`. */
function byTestId(html: string, id: string): string | undefined {
  const match = new RegExp(`data-testid="${id}"[^>]*>(.*?)</`).exec(html);
  return match?.[1];
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('MembersPage', () => {
  it('shows the alliance, one card per member, and summed bed counts per kind', async () => {
    const html = await renderPage('zh-CN');

    expect(html).toContain('西湖城市医疗集团');
    expect(html).toContain('data-testid="member-H1"');
    expect(html).toContain('data-testid="member-CHC1"');
    expect(byTestId(html, 'viewer-name')).toBe('王协调');
    expect(byTestId(html, 'viewer-role')).toBe('医联体协调员');
    // GENERAL is summed over two departments: 10 + 5 available.
    expect(byTestId(html, 'avail-H1-GENERAL')).toBe('15');
    expect(byTestId(html, 'avail-H1-ICU')).toBe('1');
    expect(byTestId(html, 'avail-CHC1-REHABILITATION')).toBe('8');
    expect(byTestId(html, 'role-H1')).toBe('核心医院');
    expect(html).toContain('社区卫生服务中心');
    expect(html).toContain('tel:057188881234');
  });

  it('gives pressure as colour class, percentage and word', async () => {
    const html = await renderPage('zh-CN');
    // GENERAL: (43 + 2) / 60 = 75% → amber; ICU: 9 / 10 = 90% → red; rehab 4 / 12 → green.
    expect(html).toMatch(/class="pressure pressure--medium" data-testid="pressure-H1-GENERAL">.*?75%.*?紧张/);
    expect(html).toMatch(/class="pressure pressure--high" data-testid="pressure-H1-ICU">.*?90%.*?告急/);
    expect(html).toMatch(
      /class="pressure pressure--low" data-testid="pressure-CHC1-REHABILITATION">.*?33%.*?宽松/,
    );
  });

  it('speaks English when asked', async () => {
    const html = await renderPage('en');
    expect(html).toContain('Community health centre');
    expect(byTestId(html, 'role-H1')).toBe('Core hospital');
    expect(html).toContain('Sign out');
  });
});
