import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HAVE_CHROMIUM, launchChromium } from './browser.js';
import { Api, signedInPage } from './dashboard.js';
import { CuttableProxy } from './proxy.js';

/*
 * The wall screen loses its connection: the indicator says so, a bed changes meanwhile, and when the
 * connection is back the board shows the change, because the subscription resumed from its last
 * cursor (the server replays what was missed) — without reading the board again.
 */
describe.skipIf(!HAVE_CHROMIUM)('a dropped connection, in Chromium against the running server', () => {
  let browser: Browser;
  let proxy: CuttableProxy;

  beforeAll(async () => {
    browser = await launchChromium();
    const target = new URL(inject('baseUrl'));
    proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port) });
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.stop();
  });

  it('shows reconnecting, then live, and catches up with what changed meanwhile from its cursor, with no refetch', async () => {
    const viaProxy = await proxy.start();
    const coordinator = await Api.login(inject('baseUrl'), 'coordinator');
    const page = await signedInPage(browser, viaProxy, 'coordinator', { path: '/beds' });

    const subscribes: string[] = [];
    page.on('websocket', (socket) => {
      socket.on('framesent', (frame) => {
        const text = typeof frame.payload === 'string' ? frame.payload : frame.payload.toString();
        if (text.includes('"subscribe"') && text.includes('BedBoardChanged')) subscribes.push(text);
      });
    });
    const queries: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST')
        queries.push(request.postData() ?? '');
    });

    const core = await coordinator.run<{
      alliances: { core: { code: string; departments: { beds: { id: string; kind: string }[] }[] } }[];
    }>('{ alliances { core { code departments { beds(status: AVAILABLE) { id kind } } } } }');
    const { code } = core.alliances[0]!.core;
    const bed = core.alliances[0]!.core.departments.flatMap((d) => d.beds)[0]!;
    const cell = `[data-testid="cell-${code}-${bed.kind}-available"]`;
    await page.waitForSelector(cell);
    await expect.poll(() => page.getAttribute('[data-testid="connection"]', 'data-state')).toBe('live');
    const before = Number(await page.textContent(cell));
    const queriesBefore = queries.length;

    proxy.down();
    await expect.poll(() => page.getAttribute('[data-testid="connection"]', 'data-state')).not.toBe('live');
    // While the screen is cut off, a bed is taken (straight to the server).
    await coordinator.run('mutation($id: ID!) { setBedStatus(bedId: $id, status: OCCUPIED) { id } }', {
      id: bed.id,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(Number(await page.textContent(cell))).toBe(before);

    proxy.up();
    await expect
      .poll(() => page.getAttribute('[data-testid="connection"]', 'data-state'), { timeout: 20_000 })
      .toBe('live');
    await expect.poll(() => page.textContent(cell), { timeout: 5_000 }).toBe(String(before - 1));

    // The subscription was sent again with the cursor it had, and no query was repeated.
    expect(subscribes.length).toBeGreaterThanOrEqual(1);
    expect(subscribes.at(-1)).toMatch(/"after":"[A-Za-z0-9_-]+"/);
    expect(queries.slice(queriesBefore).filter((body) => body.includes('BedBoard'))).toEqual([]);
    await page.context().close();
  });
});
