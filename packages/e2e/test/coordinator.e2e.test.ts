import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HAVE_CHROMIUM, launchChromium } from './browser.js';
import { Api, residentId, screenshot, signedInPage } from './dashboard.js';

/*
 * The coordination office's views in Chromium against the built server (real PostgreSQL, real
 * sockets): the bed board follows a change made through the API, the queue follows a referral sent
 * by a community centre and acts on one, and the indicators draw their charts.
 */

interface Places {
  allianceId: string;
  coreId: string;
  coreCode: string;
  cardiologyId: string;
}

describe.skipIf(!HAVE_CHROMIUM)('the coordinator views, in Chromium against the running server', () => {
  let browser: Browser;
  let baseUrl: string;
  let coordinator: Api;
  let places: Places;

  beforeAll(async () => {
    browser = await launchChromium();
    baseUrl = inject('baseUrl');
    coordinator = await Api.login(baseUrl, 'coordinator');
    const data = await coordinator.run<{
      alliances: {
        id: string;
        core: { id: string; code: string; departments: { id: string; code: string }[] };
      }[];
    }>('{ alliances { id core { id code departments { id code } } } }');
    const alliance = data.alliances[0]!;
    places = {
      allianceId: alliance.id,
      coreId: alliance.core.id,
      coreCode: alliance.core.code,
      cardiologyId: alliance.core.departments.find((d) => d.code === '03.04')!.id,
    };
  });
  afterAll(() => browser?.close());

  it('lands on the bed board, and a bed changed through the API shows on screen within 2 s', async () => {
    const page = await signedInPage(browser, baseUrl, 'coordinator');
    await page.waitForURL(/\/beds$/);
    await page.waitForSelector(`[data-testid="board-${places.coreCode}"]`);
    expect(await page.locator('[data-testid^="board-"]').count()).toBeGreaterThanOrEqual(10);
    await expect.poll(() => page.getAttribute('[data-testid="connection"]', 'data-state')).toBe('live');

    const beds = await coordinator.run<{
      institution: { departments: { beds: { id: string; kind: string }[] }[] };
    }>('query($id: ID!) { institution(id: $id) { departments { beds(status: AVAILABLE) { id kind } } } }', {
      id: places.coreId,
    });
    const bed = beds.institution.departments.flatMap((d) => d.beds)[0]!;
    const cell = `[data-testid="cell-${places.coreCode}-${bed.kind}-available"]`;
    const before = Number(await page.textContent(cell));
    await screenshot(page, 'beds-zh-CN');

    await coordinator.run('mutation($id: ID!) { setBedStatus(bedId: $id, status: OCCUPIED) { id status } }', {
      id: bed.id,
    });
    const changedAt = Date.now();
    await page.waitForFunction(
      ([selector, expected]) => document.querySelector(selector!)?.textContent === expected,
      [cell, String(before - 1)] as const,
      { timeout: 2_000 },
    );
    console.log(`bed board: API change on screen after ${Date.now() - changedAt} ms`);

    // The department drill-down shows the same change.
    await page.click(`[data-testid="board-${places.coreCode}"] button[aria-expanded="false"]`);
    await page.waitForSelector(`[data-testid^="board-${places.coreCode}-"]`);

    // And in English, for the README (drill-down closed, the change's highlight faded).
    await page.click(`[data-testid="board-${places.coreCode}"] button[aria-expanded="true"]`);
    await page.click('button[lang="en"]');
    await expect.poll(() => page.textContent('h1')).toBe('Bed board');
    await page.waitForTimeout(1_500);
    await screenshot(page, 'beds-en');
    await page.context().close();
  });

  it('shows the queue green channel first, takes in a new referral live, and accepts and rejects', async () => {
    const page = await signedInPage(browser, baseUrl, 'coordinator', { path: '/referrals' });
    await page.waitForSelector('[data-testid^="referral-"]');
    const codes = () =>
      page.locator('[data-testid="queue"] > li').evaluateAll((items) => items.map((li) => li.dataset.testid));
    expect((await codes()).length).toBeGreaterThan(3);
    expect(await page.locator('[data-testid^="countdown-"]').count()).toBeGreaterThan(0);

    // A community doctor sends an emergency referral: it appears among the green channel, no reload.
    const gp = await Api.login(baseUrl, 'gp.chc1');
    const created = await gp.run<{ createReferral: { code: string } }>(
      `mutation($input: CreateReferralInput!) { createReferral(input: $input) { code } }`,
      {
        input: {
          direction: 'UPWARD',
          urgency: 'EMERGENCY',
          toInstitutionId: places.coreId,
          toDepartmentId: places.cardiologyId,
          diagnosisCode: 'I21.9',
          reason: '急性胸痛2小时，心电图ST段抬高',
          patient: {
            name: '测试患者',
            sex: 'M',
            birthDate: '1958-03-07',
            residentId: residentId('1958-03-07', 131),
          },
        },
      },
    );
    const code = created.createReferral.code;
    await page.waitForSelector(`[data-testid="referral-${code}"]`, { timeout: 2_000 });
    // In the place the server's own queue order gives it (green channel first, then by deadline).
    const serverOrder = await coordinator.run<{ referrals: { edges: { node: { code: string } }[] } }>(
      '{ referrals(first: 100, filter: { status: [SUBMITTED, ACCEPTED, SCHEDULED, ARRIVED] }) { edges { node { code } } } }',
    );
    expect(await codes()).toEqual(serverOrder.referrals.edges.map((e) => `referral-${e.node.code}`));
    expect((await codes()).indexOf(`referral-${code}`)).toBeLessThan(3);
    await expect
      .poll(() => page.getAttribute(`[data-testid="countdown-${code}"]`, 'data-overdue'))
      .toBe('false');

    // Accept it: the status changes in place.
    await page.click(`[data-testid="accept-${code}"]`);
    await expect
      .poll(() => page.getAttribute(`[data-testid="referral-${code}"]`, 'data-status'))
      .toBe('ACCEPTED');
    await expect.poll(() => page.textContent('[data-testid="queue-announcement"]')).toContain(code);

    // Reject another with a reason; the timeline says who did it and why.
    const submitted = page.locator('[data-testid="queue"] > li[data-status="SUBMITTED"]').first();
    const other = (await submitted.getAttribute('data-testid'))!.replace('referral-', '');
    await page.click(`[data-testid="reject-${other}"]`);
    await page.fill('#reject-reason', '本院心内科床位已满，建议转澜湖区人民医院');
    await page.click('[data-testid="reject-dialog"] button[type=submit]');
    // Rejected referrals leave the "in progress" queue.
    await page.waitForSelector(`[data-testid="referral-${other}"]`, { state: 'detached' });

    await page.goto(`${baseUrl}/referrals?status=all`);
    await page.click(`[data-testid="referral-${other}"] a`);
    await page.waitForSelector('[data-testid="timeline"] li');
    await expect.poll(() => page.textContent('[data-testid="timeline"]')).toContain('本院心内科床位已满');
    await page.goto(`${baseUrl}/referrals/${encodeURIComponent((await firstOpenId(coordinator))!)}`);
    await page.waitForSelector('[data-testid="timeline"] li');
    await screenshot(page, 'queue-zh-CN');
    await page.context().close();
  });

  it('draws the indicators: referrals over time, out-rate against the cap, time to answer, slot use, occupancy', async () => {
    const page = await signedInPage(browser, baseUrl, 'coordinator', { path: '/indicators' });
    for (const chart of ['chart-trend', 'chart-out-rate', 'chart-answer', 'chart-slots', 'chart-occupancy']) {
      await page.waitForSelector(`[data-testid="${chart}"] .recharts-bar-rectangle`, { timeout: 10_000 });
    }
    expect(await page.locator('[data-testid="chart-occupancy"] tbody tr').count()).toBeGreaterThanOrEqual(10);
    await screenshot(page, 'indicators-zh-CN');
    await page.context().close();
  });
});

describe.skipIf(!HAVE_CHROMIUM)('signing in and out, in Chromium against the running server', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('sends an ended session to the login page and back where it was; navigation follows the role', async () => {
    const baseUrl = inject('baseUrl');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // A token the server does not accept (expired, or signed with another secret): 401 → login.
    await context.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('yilian.token', 'not-a-valid-token');
        sessionStorage.setItem('seeded', '1');
      }
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/referrals`);
    await page.waitForSelector('#username');
    await expect.poll(() => page.textContent('[role=status]')).toContain('登录已失效');

    await page.fill('#username', 'coordinator');
    await page.fill('#password', 'yilian-demo');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid="queue"]');
    expect(new URL(page.url()).pathname).toBe('/referrals');
    expect(await page.locator('nav a').allTextContents()).toEqual([
      '床位总览',
      '转诊队列',
      '运行指标',
      '成员单位',
    ]);
    // Keyboard users can skip the header and navigation.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');

    // Signing out starts the next person at their own start page.
    await page.click('[data-testid="logout"]');
    await page.waitForSelector('#username');
    await page.fill('#username', 'gp.chc1');
    await page.fill('#password', 'yilian-demo');
    await page.click('button[type=submit]');
    // A community doctor starts at the referrals their centre sent.
    await page.waitForSelector('[data-testid="sent"]');
    expect(new URL(page.url()).pathname).toBe('/my-referrals');
    await page.goto(`${baseUrl}/beds`);
    await expect.poll(() => page.textContent('[role=alert]')).toContain('当前角色不能打开这个页面');
    await context.close();
  });
});

/** The id of the first referral still waiting for an answer, for the screenshot with its timeline. */
async function firstOpenId(api: Api): Promise<string | undefined> {
  const data = await api.run<{ referrals: { edges: { node: { id: string } }[] } }>(
    '{ referrals(first: 1, filter: { status: [ACCEPTED] }) { edges { node { id } } } }',
  );
  return data.referrals.edges[0]?.node.id;
}
