import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HAVE_CHROMIUM, launchChromium } from './browser.js';

describe.skipIf(!HAVE_CHROMIUM)('the Content-Security-Policy, in Chromium against the running server', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('lets the built dashboard and its own-origin WebSocket work, and blocks a connection elsewhere', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    // Any error on the console (a refused resource, a 404 such as a missing icon) until the blocked
    // connection below, which is on purpose.
    const errors: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      if (message.type() === 'error') errors.push(message.text());
    });
    const baseUrl = inject('baseUrl');
    const response = await page.goto(baseUrl);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    await page.fill('#username', 'coordinator');
    await page.fill('#password', 'yilian-demo');
    await page.click('button[type=submit]');
    // The coordinator's start page, the bed board, follows a subscription over its own WebSocket.
    await page.waitForSelector('[data-testid^="board-"]');
    await expect.poll(() => page.getAttribute('[data-testid="connection"]', 'data-state')).toBe('live');
    // The indicators page draws its charts (recharts: SVG with inline style attributes).
    await page.goto(`${baseUrl}/indicators`);
    await page.waitForSelector('svg.recharts-surface');
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);

    // From the page (so under its CSP): graphql-ws to the page's own origin is acknowledged; the same
    // server under another name (localhost instead of 127.0.0.1) is another origin and is blocked.
    const socketTo = (url: string) =>
      page.evaluate(
        (target) =>
          new Promise<string>((resolve) => {
            let socket: WebSocket;
            try {
              socket = new WebSocket(target, 'graphql-transport-ws');
            } catch (error) {
              resolve(`blocked: ${String(error)}`);
              return;
            }
            socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
            socket.onmessage = (event) => {
              resolve(String(JSON.parse(String(event.data)).type));
              socket.close();
            };
            socket.onerror = () => resolve('error');
          }),
        url,
      );
    const own = new URL(baseUrl);
    expect(await socketTo(`ws://${own.host}/graphql`)).toBe('connection_ack');
    expect(await socketTo(`ws://localhost:${own.port}/graphql`)).toMatch(/^(blocked|error)/);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join('\n')).toMatch(/connect-src/);
    await page.close();
  });
});
