import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { ViewerContext, type SignedIn } from '../../app/viewer';
import { YilianProvider } from '../../graphql/YilianProvider';
import { I18nProvider, type Lang } from '../../i18n';
import {
  byTestId,
  cannedClient,
  cannedPage,
  cannedReferral,
  cannedSlot,
  seedCursor,
} from '../../test-support/canned';
import {
  SpecialistQueueEvents,
  SpecialistQueueQuery,
  SpecialistShiftQuery,
  SpecialistSlotEvents,
  SpecialistSlotsQuery,
} from './operations';
import { SpecialistPage } from './SpecialistPage';

const signedIn: SignedIn = {
  viewer: {
    id: 'U-S1',
    username: 'cardio.oncall1',
    displayName: '林志航',
    role: 'SPECIALIST',
    institution: { id: 'H1', name: '临澜市第一人民医院' },
    department: { id: 'D-CARD', name: '心血管内科' },
  },
  alliance: { id: 'A1', name: '临澜市第一人民医院医疗集团' },
};

const SHIFT = { start: '2099-01-01T00:00:00+08:00', end: '2099-01-02T00:00:00+08:00' };
const queueFilter = { toDepartmentId: 'D-CARD', status: ['SUBMITTED' as const, 'ACCEPTED' as const] };

async function render(options: { onDuty: boolean; lang?: Lang }): Promise<string> {
  const shift = options.onDuty ? SHIFT : null;
  const slotVariables = {
    departmentId: 'D-CARD',
    onShift: shift !== null,
    shiftFrom: shift?.start ?? null,
    shiftTo: shift?.end ?? null,
    laterFrom: shift?.end ?? null,
  };
  const booked = cannedSlot('S-BOOKED', '2099-01-01T08:30:00+08:00', {
    status: 'BOOKED',
    claimedBy: '宋子谦',
  });
  const yilian = cannedClient({
    SpecialistShift: {
      viewer: {
        __typename: 'Viewer',
        id: 'U-S1',
        practitioner: {
          __typename: 'Practitioner',
          id: 'PR-S1',
          name: '林志航',
          title: '副主任医师',
          onDutyNow: options.onDuty,
          currentShift: shift ? { __typename: 'DutyShift', ...shift } : null,
        },
      },
    },
    SpecialistQueue: {
      referrals: cannedPage('Referral', [
        cannedReferral('ZZ-EMERG', { urgency: 'EMERGENCY' }),
        cannedReferral('ZZ-ROUTINE', { status: 'ACCEPTED' }),
      ]),
    },
    SpecialistSlots: {
      ...(shift
        ? {
            shift: cannedPage('Slot', [
              // Started already: listed, but no longer offered for a claim.
              { ...cannedSlot('S-PAST', '2020-01-01T08:10:00+08:00'), referral: null },
              {
                ...booked,
                referral: {
                  __typename: 'Referral',
                  id: 'R-X',
                  code: 'ZZ-TAKEN',
                  patient: { __typename: 'Patient', id: 'P-X', displayName: '王*英' },
                },
              },
              {
                ...cannedSlot('S-2', '2099-01-01T09:10:00+08:00', { practitioner: '许文澜' }),
                referral: null,
              },
              { ...cannedSlot('S-1', '2099-01-01T08:50:00+08:00'), referral: null },
            ]),
          }
        : {}),
      later: cannedPage('Slot', [cannedSlot('S-LATER', '2099-01-02T08:30:00+08:00')]),
    },
  });
  await yilian.client.query(SpecialistShiftQuery, {}).toPromise();
  await yilian.client.query(SpecialistQueueQuery, { filter: queueFilter }).toPromise();
  await yilian.client.query(SpecialistSlotsQuery, slotVariables).toPromise();
  seedCursor(yilian, SpecialistQueueEvents, { departmentId: 'D-CARD' });
  seedCursor(yilian, SpecialistSlotEvents, { departmentId: 'D-CARD' });
  const html = renderToStaticMarkup(
    <I18nProvider initialLang={options.lang ?? 'zh-CN'}>
      <YilianProvider value={yilian}>
        <ViewerContext.Provider value={signedIn}>
          <Router ssrPath="/specialist">
            <SpecialistPage />
          </Router>
        </ViewerContext.Provider>
      </YilianProvider>
    </I18nProvider>,
  );
  yilian.dispose();
  return html;
}

/** The option values of the claim select of one referral, in order. */
function claimOptions(html: string, code: string): string[] {
  const select =
    new RegExp(`<select[^>]*data-testid="claim-slot-${code}"[^>]*>(.*?)</select>`).exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]!);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('SpecialistPage', () => {
  it('shows the department queue in queue order, green channel marked, each with a one-tap claim', async () => {
    const html = await render({ onDuty: true });
    expect(html.indexOf('data-testid="referral-ZZ-EMERG"')).toBeLessThan(
      html.indexOf('data-testid="referral-ZZ-ROUTINE"'),
    );
    expect(html).toMatch(
      /class="referral-card referral-card--emergency"[^>]*data-testid="referral-ZZ-EMERG"/,
    );
    expect(html).toContain('急诊（绿色通道）');
    expect(byTestId(html, 'claim-ZZ-EMERG')).toBe('认领');
    expect(html).toMatch(/<button type="submit"[^>]*data-testid="claim-ZZ-EMERG"/);
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="claim-ZZ-EMERG"/);
    // Every claim control has a visible label tied to it.
    const id = /<select id="([^"]+)"[^>]*data-testid="claim-slot-ZZ-EMERG"/.exec(html)?.[1];
    expect(html).toContain(`<label class="claim__label" for="${id}">预留号源</label>`);
  });

  it('offers the open slots still ahead, earliest first, from the shift and then after it', async () => {
    const html = await render({ onDuty: true });
    expect(claimOptions(html, 'ZZ-EMERG')).toEqual(['S-1', 'S-2', 'S-LATER']);
    expect(html).toMatch(/data-testid="shift"[^>]*>在班，至 /);
  });

  it('lists the shift’s slots with the booked ones’ referral and who took them', async () => {
    const html = await render({ onDuty: true });
    expect(html).toMatch(
      /data-testid="slot-S-BOOKED" data-status="BOOKED">.*ZZ-TAKEN.*王\*英.*由 宋子谦 预约/,
    );
    expect(html).toMatch(/data-testid="slot-S-1" data-status="OPEN">.*可预约/);
    expect(html).toContain('slot-row--past');
  });

  it('off duty: says so, and claims are disabled with the reason', async () => {
    const html = await render({ onDuty: false });
    expect(byTestId(html, 'shift')).toBe('当前不在班');
    expect(html).toMatch(/<button type="submit"[^>]*disabled=""[^>]*data-testid="claim-ZZ-EMERG"/);
    expect(html).toContain('不在班时不能认领号源。');
    expect(claimOptions(html, 'ZZ-EMERG')).toEqual(['S-LATER']);
  });

  it('speaks English when asked', async () => {
    const html = await render({ onDuty: true, lang: 'en' });
    expect(byTestId(html, 'claim-ZZ-EMERG')).toBe('Claim');
    expect(html).toContain('Department queue');
    expect(html).toContain('Emergency (green channel)');
  });
});
