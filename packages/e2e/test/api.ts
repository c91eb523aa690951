import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * What the browser suites set up through the public API (as a partner app would), and how they sign in
 * through the login page. Black-box: nothing here reaches into the server's code or database.
 */

interface Answer<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export class Api {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async gql<T>(username: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.token(username)}` },
      body: JSON.stringify({ query, variables }),
    });
    const answer = (await response.json()) as Answer<T>;
    if (!answer.data || answer.errors) throw new Error(`${username}: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  }

  private async token(username: string): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        variables: { u: username, p: DEMO_PASSWORD },
      }),
    });
    const answer = (await response.json()) as Answer<{ login: { token: string } }>;
    const token = answer.data?.login.token;
    if (!token) throw new Error(`login ${username}: ${JSON.stringify(answer.errors)}`);
    this.tokens.set(username, token);
    return token;
  }

  /** The core hospital, its cardiology department, and the signed-in person's own institution. */
  async places(username: string): Promise<{ coreId: string; cardiologyId: string; ownId: string }> {
    const data = await this.gql<{
      alliances: { core: { id: string; departments: { id: string; code: string }[] } }[];
      viewer: { institution: { id: string } };
    }>(username, '{ alliances { core { id departments { id code } } } viewer { institution { id } } }');
    const core = data.alliances[0]!.core;
    return {
      coreId: core.id,
      cardiologyId: core.departments.find((d) => d.code === '03.04')!.id,
      ownId: data.viewer.institution.id,
    };
  }

  async createReferral(
    username: string,
    input: Record<string, unknown>,
  ): Promise<{ id: string; code: string }> {
    const data = await this.gql<{ createReferral: { id: string; code: string } }>(
      username,
      'mutation($input: CreateReferralInput!) { createReferral(input: $input) { id code } }',
      { input },
    );
    return data.createReferral;
  }
}

export const DEMO_PASSWORD = 'yilian-demo';

let sequence = 0;
/**
 * A fictional patient with a resident ID whose GB 11643 check digit is right. Written here rather than
 * taken from a library: the rule is ten lines, and the browser suites must not import the server's code.
 */
export function newPatient(birthDate = '1958-03-14') {
  sequence += 1;
  // An odd order number: the 17th digit is odd for men.
  const order = String(2 * ((Math.floor(Date.now() / 7) + sequence * 37) % 500) + 1).padStart(3, '0');
  const body = `331202${birthDate.replaceAll('-', '')}${order}`;
  return { name: '测试患者', residentId: body + checkDigit(body), sex: 'M', birthDate };
}

/** GB 11643: weights 2^(17-i) mod 11 over the first 17 digits; the sum mod 11 picks the check character. */
export function checkDigit(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * (2 ** (17 - i) % 11), 0);
  return '10X98765432'[sum % 11]!;
}

/** A browser context as a person uses it: Chinese, in the alliance's time zone. */
export function newContext(browser: Browser, viewport: { width: number; height: number }, phone = false) {
  return browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
}

/** Signs in through the login page and waits for the shell. */
export async function signIn(context: BrowserContext, baseUrl: string, username: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid="viewer-name"]');
  return page;
}
