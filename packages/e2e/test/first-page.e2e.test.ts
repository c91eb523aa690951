import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HAVE_CHROMIUM, launchChromium } from './browser.js';

const SCREENSHOTS = resolve(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');

describe.skipIf(!HAVE_CHROMIUM)('the first dashboard page, in Chromium against the running server', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('logs the coordinator in and shows every member with its bed availability, in Chinese then English', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    // The members page: every role has it; the coordinator's start page is the bed board.
    await page.goto(`${inject('baseUrl')}/members`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');

    // First a wrong password: the server's message is shown and the form stays.
    await page.fill('#username', 'coordinator');
    await page.fill('#password', 'wrong');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('[role=alert]').count()).toBeGreaterThan(0);

    await page.fill('#password', 'yilian-demo');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid^="member-"]');
    expect(await page.locator('[data-testid^="member-"]').count()).toBeGreaterThanOrEqual(10);
    await expect.poll(() => page.textContent('[data-testid="viewer-role"]')).toContain('协调');
    if (process.env.UPDATE_SCREENSHOTS)
      await page.screenshot({ path: resolve(SCREENSHOTS, 'members-zh-CN.png'), fullPage: false });

    await page.click('button[lang="en"]');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect.poll(() => page.textContent('[data-testid="viewer-role"]')).toMatch(/coordinator/i);
    if (process.env.UPDATE_SCREENSHOTS)
      await page.screenshot({ path: resolve(SCREENSHOTS, 'members-en.png'), fullPage: false });
    await page.close();
  });
});
