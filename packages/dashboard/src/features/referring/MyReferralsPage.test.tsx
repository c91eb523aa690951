import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { ViewerContext, type SignedIn } from '../../app/viewer';
import { YilianProvider } from '../../graphql/YilianProvider';
import { I18nProvider } from '../../i18n';
import {
  byTestId,
  cannedClient,
  cannedPage,
  cannedReferral,
  cannedSlot,
  seedCursor,
} from '../../test-support/canned';
import { MyReferralsPage } from './MyReferralsPage';
import { MyReferralEvents, MyReferralsQuery } from './operations';

const signedIn: SignedIn = {
  viewer: {
    id: 'U-G1',
    username: 'gp.chc1',
    displayName: '吴丽华',
    role: 'REFERRING_DOCTOR',
    institution: { id: 'CHC1', name: '望江街道社区卫生服务中心' },
    department: null,
  },
  alliance: { id: 'A1', name: '临澜市第一人民医院医疗集团' },
};

async function render(): Promise<string> {
  const yilian = cannedClient({
    MyReferrals: {
      sent: cannedPage('Referral', [
        cannedReferral('ZZ-SENT', { patient: '王秀英' }),
        cannedReferral('ZZ-BOOKED', {
          status: 'SCHEDULED',
          assignedSpecialist: '宋子谦',
          slot: cannedSlot('S-1', '2099-01-01T08:30:00+08:00', { status: 'BOOKED', claimedBy: '宋子谦' }),
        }),
      ]),
      received: cannedPage('Referral', [
        cannedReferral('ZZ-DOWN', {
          direction: 'DOWNWARD',
          fromInstitution: 'H1',
          toInstitution: 'CHC1',
          toDepartment: null,
        }),
        cannedReferral('ZZ-DOWN-OK', {
          direction: 'DOWNWARD',
          status: 'ACCEPTED',
          fromInstitution: 'H1',
          toInstitution: 'CHC1',
          toDepartment: null,
        }),
      ]),
    },
  });
  const variables = {
    sent: { fromInstitutionId: 'CHC1', status: ['SUBMITTED', 'ACCEPTED', 'SCHEDULED', 'ARRIVED'] as const },
    received: { direction: 'DOWNWARD' as const, toInstitutionId: 'CHC1' },
  };
  await yilian.client
    .query(MyReferralsQuery, {
      ...variables,
      sent: { ...variables.sent, status: [...variables.sent.status] },
    })
    .toPromise();
  seedCursor(yilian, MyReferralEvents, { institutionId: 'CHC1' });
  const html = renderToStaticMarkup(
    <I18nProvider initialLang="zh-CN">
      <YilianProvider value={yilian}>
        <ViewerContext.Provider value={signedIn}>
          <Router ssrPath="/my-referrals">
            <MyReferralsPage />
          </Router>
        </ViewerContext.Provider>
      </YilianProvider>
    </I18nProvider>,
  );
  yilian.dispose();
  return html;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('MyReferralsPage', () => {
  it('follows the centre’s referrals: where they went, their status, who took them and the slot booked', async () => {
    const html = await render();
    expect(html).toMatch(
      /data-testid="sent">.*data-testid="referral-ZZ-SENT".*data-testid="referral-ZZ-BOOKED"/,
    );
    expect(byTestId(html, 'status-ZZ-SENT')).toBe('待接收');
    expect(byTestId(html, 'status-ZZ-BOOKED')).toBe('已预约');
    expect(html).toContain('机构H1 · 心血管内科');
    expect(html).toMatch(/接诊专家.*宋子谦/);
    expect(html).toMatch(/data-testid="slot-of-ZZ-BOOKED">1\/1 \d\d:30/);
    expect(html).toMatch(/aria-pressed="true"[^>]*>进行中</);
  });

  it('lists the down-referrals the centre receives, with the next step it can take', async () => {
    const html = await render();
    expect(html).toMatch(/data-testid="received">.*data-testid="referral-ZZ-DOWN".*下转/);
    expect(byTestId(html, 'accept-ZZ-DOWN')).toBe('接收');
    expect(byTestId(html, 'arrive-ZZ-DOWN-OK')).toBe('登记到达');
    expect(html).not.toContain('data-testid="accept-ZZ-DOWN-OK"');
  });
});
