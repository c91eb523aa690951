import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';

/** Where `UPDATE_SCREENSHOTS=1` writes the README's screenshots. */
export const SCREENSHOTS = resolve(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`) });
}

/** A new page (own browser context: own storage, own session) signed in as `username` at `path`. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  username: string,
  options: { path?: string; lang?: 'zh-CN' | 'en'; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1920, height: 1080 } });
  if (options.lang) {
    const lang = options.lang;
    await context.addInitScript((value) => localStorage.setItem('yilian.lang', value), lang);
  }
  const page = await context.newPage();
  await page.goto(`${baseUrl}${options.path ?? '/'}`);
  await page.fill('#username', username);
  await page.fill('#password', 'yilian-demo');
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid="viewer-role"]');
  return page;
}

export interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** The public API, as a partner system or a script would use it. */
export class Api {
  private constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async login(baseUrl: string, username: string): Promise<Api> {
    const answer = await post<{ login: { token: string } }>(
      baseUrl,
      null,
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: username, p: 'yilian-demo' },
    );
    if (!answer.data) throw new Error(`login ${username}: ${JSON.stringify(answer.errors)}`);
    return new Api(baseUrl, answer.data.login.token);
  }

  /** Answers the data; a GraphQL error fails the test with its message. */
  async run<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const answer = await post<T>(this.baseUrl, this.token, query, variables);
    if (answer.errors?.length || !answer.data) throw new Error(`GraphQL: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  }
}

async function post<T>(
  baseUrl: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphQLAnswer<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLAnswer<T>;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A fictional resident ID with a valid GB 11643 check digit (odd sequence digit: male). */
export function residentId(birthDate: string, sequence: number): string {
  const body = `330106${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * ID_WEIGHTS[i]!, 0);
  return body + ID_CHECK[sum % 11];
}
