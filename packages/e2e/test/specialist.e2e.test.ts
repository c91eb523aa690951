import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, newContext, newPatient, signIn } from './api.js';
import { HAVE_CHROMIUM, launchChromium } from './browser.js';

const SCREENSHOTS = resolve(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');

describe.skipIf(!HAVE_CHROMIUM)('the specialist view, in Chromium against the running server', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('two on-duty specialists claim the same slot at once: exactly one wins, the other is told who and sees the lists refreshed', async () => {
    const baseUrl = inject('baseUrl');
    const api = new Api(baseUrl);
    const places = await api.places('gp.chc1');
    const referral = await api.createReferral('gp.chc1', {
      direction: 'UPWARD',
      urgency: 'URGENT',
      patient: newPatient(),
      toInstitutionId: places.coreId,
      toDepartmentId: places.cardiologyId,
      diagnosisCode: 'I20.0',
      reason: '不稳定型心绞痛，浏览器测试',
    });
    const open = await api.gql<{ reservedSlots: { edges: { node: { id: string } }[] } }>(
      'cardio.oncall1',
      'query($d: ID!) { reservedSlots(departmentId: $d, status: OPEN, first: 1) { edges { node { id } } } }',
      { d: places.cardiologyId },
    );
    const slotId = open.reservedSlots.edges[0]!.node.id;

    // One specialist on a phone, the other at a ward PC; each in their own browser context (session).
    const phone = await signIn(
      await newContext(browser, { width: 390, height: 844 }, true),
      baseUrl,
      'cardio.oncall1',
    );
    const desk = await signIn(
      await newContext(browser, { width: 1440, height: 900 }),
      baseUrl,
      'cardio.oncall2',
    );
    for (const page of [phone, desk]) {
      // A specialist lands on their desk: the department's queue with the new referral in it.
      await page.waitForSelector(`[data-testid="referral-${referral.code}"]`);
      expect(page.url()).toMatch(/\/specialist$/);
      await expect.poll(() => page.textContent('[data-testid="shift"]')).toContain('在班');
      await page.selectOption(`[data-testid="claim-slot-${referral.code}"]`, slotId);
    }

    // Both tap "claim" at the same moment.
    await Promise.all([phone, desk].map((page) => page.click(`[data-testid="claim-${referral.code}"]`)));
    const outcome = (page: Page) => page.getAttribute('[data-testid="claim-result"]', 'data-outcome');
    for (const page of [phone, desk]) await expect.poll(() => outcome(page)).not.toBe('');
    const outcomes = [await outcome(phone), await outcome(desk)];
    expect([...outcomes].sort()).toEqual(['lost', 'won']);
    const [winner, loser] = outcomes[0] === 'won' ? [phone, desk] : [desk, phone];
    const winnerName = (await winner.textContent('[data-testid="viewer-name"]'))!;
    expect(await winner.textContent('[data-testid="claim-result"]')).toContain('认领成功');
    const verdict = await loser.textContent('[data-testid="claim-result"]');
    expect(verdict).toContain(winnerName);
    expect(verdict).toContain(referral.code);
    // The verdict has the focus (the card the person tapped is gone).
    expect(await loser.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'claim-result',
    );

    // Both queues drop the referral, and the slot shows as booked by the winner, live and after the refresh.
    for (const page of [phone, desk]) {
      await expect.poll(() => page.locator(`[data-testid="referral-${referral.code}"]`).count()).toBe(0);
    }
    const booked = await api.gql<{
      node: { status: string; claimedBy: { name: string }; referral: { code: string } };
    }>(
      'coordinator',
      'query($id: ID!) { node(id: $id) { ... on Slot { status claimedBy { name } referral { code } } } }',
      { id: slotId },
    );
    expect(booked.node).toEqual({
      status: 'BOOKED',
      claimedBy: { name: winnerName },
      referral: { code: referral.code },
    });
    // The slot was an option on both pages (selectOption proved it): now it is booked in the shift's
    // list, or gone from the next open ones.
    const slotState = async (page: Page) => {
      const inShift = page.locator(`[data-testid="shift-slots"] [data-testid="slot-${slotId}"]`);
      if ((await inShift.count()) > 0) return inShift.getAttribute('data-status');
      const later = page.locator(`[data-testid="later-slots"] [data-testid="slot-${slotId}"]`);
      return (await later.count()) > 0 ? 'still open' : 'not listed';
    };
    for (const page of [phone, desk])
      await expect.poll(() => slotState(page)).toMatch(/^(BOOKED|not listed)$/);

    if (process.env.UPDATE_SCREENSHOTS) {
      await desk.screenshot({ path: resolve(SCREENSHOTS, 'specialist-zh-CN.png') });
      await phone.screenshot({ path: resolve(SCREENSHOTS, 'specialist-phone-zh-CN.png') });
    }
    await phone.context().close();
    await desk.context().close();
  });
});
