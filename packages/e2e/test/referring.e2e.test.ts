import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, checkDigit, newContext, newPatient, signIn } from './api.js';
import { HAVE_CHROMIUM, launchChromium } from './browser.js';

const SCREENSHOTS = resolve(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');

describe.skipIf(!HAVE_CHROMIUM)('the referring doctor view, in Chromium against the running server', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('shows the server’s refusal of a resident ID at the field, then sends the referral into a reserved slot and follows it live', async () => {
    const baseUrl = inject('baseUrl');
    const api = new Api(baseUrl);
    const page = await signIn(await newContext(browser, { width: 1440, height: 900 }), baseUrl, 'gp.chc1');
    // A referring doctor lands on their referrals; the form is one navigation link away.
    expect(page.url()).toMatch(/\/my-referrals$/);
    await page.click('nav a[href="/new-referral"]');
    await page.waitForSelector('#referral-residentId');

    const patient = newPatient('1962-07-09');
    // One digit typed wrong: the check digit no longer matches.
    const mistyped = `${patient.residentId.slice(0, 16)}${(Number(patient.residentId[16]) + 2) % 10}${patient.residentId[17]}`;
    expect(checkDigit(mistyped.slice(0, 17))).not.toBe(mistyped[17]);
    await page.fill('#referral-name', '测试患者');
    await page.fill('#referral-residentId', mistyped);
    await page.check('input[name="sex"][value="M"]');
    await page.fill('#referral-birthDate', patient.birthDate);
    await page.selectOption('#referral-toDepartmentId', { label: '心血管内科' });
    await page.fill('#referral-diagnosisCode', 'I20.0');
    await page.fill('#referral-reason', '劳力性胸痛加重一周，申请心内科评估');
    await page.click('button[type=submit]');

    // The server's BAD_USER_INPUT names input.patient.residentId: the message is at that field.
    const fieldError = page.locator('[data-testid="field-error-residentId"]');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('居民身份证号无效');
    expect(await fieldError.textContent()).toContain('check digit');
    const input = page.locator('#referral-residentId');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toContain('referral-residentId-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('referral-residentId');
    expect(await page.locator('[data-testid^="field-error-"]').count()).toBe(1);
    if (process.env.UPDATE_SCREENSHOTS)
      await page.screenshot({ path: resolve(SCREENSHOTS, 'referral-form-error-zh-CN.png') });

    // Corrected, with the first open reserved cardiology slot booked at once.
    await page.fill('#referral-residentId', patient.residentId);
    expect(await fieldError.count()).toBe(0);
    const slot = page.locator('[data-testid="slot-choices"] input[name="slotId"]:not([value=""])').first();
    await slot.check();
    const slotId = (await slot.getAttribute('value'))!;
    await page.click('button[type=submit]');
    const created = page.locator('[data-testid="referral-created"]');
    await created.waitFor();
    const code = /ZZ-\d{8}-[0-9A-F]+/.exec((await created.textContent()) ?? '')![0];
    expect(await created.textContent()).toContain('已预约');

    // Followed live on "my referrals": booked, then back in the queue when the hospital releases the slot.
    await page.click('nav a[href="/my-referrals"]');
    const status = page.locator(`[data-testid="status-${code}"]`);
    await expect.poll(() => status.textContent()).toBe('已预约');
    await api.gql('cardio.oncall3', 'mutation($s: ID!) { releaseSlot(slotId: $s) { id } }', { s: slotId });
    await expect.poll(() => status.textContent()).toBe('待接收');
    await expect.poll(() => page.textContent('[data-testid="status-announcement"]')).toContain(code);

    // A down-referral (康复期下转) from the core hospital arrives while the page is open; the centre takes it in.
    const places = await api.places('gp.chc1');
    const down = await api.createReferral('cardio.oncall1', {
      direction: 'DOWNWARD',
      urgency: 'ROUTINE',
      patient: newPatient('1950-01-20'),
      toInstitutionId: places.ownId,
      diagnosisCode: 'I21.9',
      reason: '心肌梗死支架术后病情稳定，转回社区康复随访',
    });
    const received = page.locator(`[data-testid="received"] [data-testid="referral-${down.code}"]`);
    await received.waitFor();
    await page.click(`[data-testid="accept-${down.code}"]`);
    await expect.poll(() => page.textContent(`[data-testid="status-${down.code}"]`)).toBe('已接收');
    if (process.env.UPDATE_SCREENSHOTS)
      await page.screenshot({ path: resolve(SCREENSHOTS, 'my-referrals-zh-CN.png') });
    await page.context().close();
  });
});
