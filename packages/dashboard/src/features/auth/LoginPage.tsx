import type { FormEvent } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../graphql/errors';
import { graphql } from '../../graphql/graphql';
import { LanguageSwitch, useT, type MessageKey } from '../../i18n';
import { session } from './session';

const LoginMutation = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
    }
  }
`);

/** Seeded by the server's demo alliance (see DESIGN.md); all share one password. */
const DEMO_PASSWORD = 'yilian-demo';
const DEMO_ACCOUNTS: readonly { username: string; description: MessageKey }[] = [
  { username: 'coordinator', description: 'login.demo.coordinator' },
  { username: 'admin', description: 'login.demo.admin' },
  { username: 'cardio.oncall1', description: 'login.demo.specialist' },
  { username: 'gp.chc1', description: 'login.demo.gp' },
];

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

interface Props {
  /** The previous session was ended by the server: say so, rather than silently showing login. */
  expired: boolean;
}

export function LoginPage({ expired }: Props) {
  const t = useT();
  const [{ fetching, error }, login] = useMutation(LoginMutation);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await login({
      username: field(form, 'username').trim(),
      password: field(form, 'password'),
    });
    if (result.data) session.signIn(result.data.login.token);
  }

  return (
    <main className="login">
      <div className="login__lang">
        <LanguageSwitch />
      </div>
      <form className="login__card" onSubmit={onSubmit} aria-labelledby="login-title">
        <h1 id="login-title" className="login__title">
          {t('login.title')}
          <span className="login__subtitle">{t('app.subtitle')}</span>
        </h1>

        {expired && !error && (
          <p className="notice" role="status">
            {t('login.expired')}
          </p>
        )}

        <label className="field" htmlFor="username">
          <span className="field__label">{t('login.username')}</span>
          <input
            id="username"
            name="username"
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
          />
        </label>

        <label className="field" htmlFor="password">
          <span className="field__label">{t('login.password')}</span>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </label>

        {error && (
          <p className="form-error" role="alert">
            {describeError(error, t)}
          </p>
        )}

        <button type="submit" className="button button--primary" disabled={fetching} aria-busy={fetching}>
          {fetching ? t('login.submitting') : t('login.submit')}
        </button>

        <section className="login__demo" aria-labelledby="demo-hint">
          <p id="demo-hint">{t('login.demoHint', { password: DEMO_PASSWORD })}</p>
          <ul>
            {DEMO_ACCOUNTS.map((account) => (
              <li key={account.username}>
                <code>{account.username}</code> — {t(account.description)}
              </li>
            ))}
          </ul>
        </section>
      </form>
    </main>
  );
}
