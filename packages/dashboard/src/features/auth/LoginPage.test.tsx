import { renderToStaticMarkup } from 'react-dom/server';
import { Client, Provider, fetchExchange } from 'urql';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n';
import { LoginPage } from './LoginPage';

function render(expired: boolean): string {
  // Rendering never sends the mutation, so a bare client is enough.
  const client = new Client({ url: 'http://test.invalid/graphql', exchanges: [fetchExchange] });
  return renderToStaticMarkup(
    <I18nProvider initialLang="zh-CN">
      <Provider value={client}>
        <LoginPage expired={expired} />
      </Provider>
    </I18nProvider>,
  );
}

/** The whole `<input ...>` tag with the given id (attribute order is React's business). */
function inputWithId(html: string, id: string): string {
  return [...html.matchAll(/<input[^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(`id="${id}"`)) ?? '';
}

describe('LoginPage', () => {
  it('has labelled username and password fields and a submit button (what browser tests fill)', () => {
    const html = render(false);
    const username = inputWithId(html, 'username');
    const password = inputWithId(html, 'password');
    expect(username).toContain('name="username"');
    expect(password).toContain('name="password"');
    expect(password).toContain('type="password"');
    expect(html).toContain('for="username"');
    expect(html).toContain('for="password"');
    expect(html).toMatch(/<button type="submit"/);
  });

  it('lists the demo accounts and their shared password', () => {
    const html = render(false);
    for (const username of ['coordinator', 'admin', 'cardio.oncall1', 'gp.chc1']) {
      expect(html).toContain(`<code>${username}</code>`);
    }
    expect(html).toContain('yilian-demo');
  });

  it('says why when the server ended the previous session', () => {
    expect(render(true)).toContain('登录已失效');
    expect(render(false)).not.toContain('登录已失效');
  });
});
