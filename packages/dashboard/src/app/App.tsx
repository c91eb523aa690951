import { Suspense } from 'react';
import { useQuery } from 'urql';
import { Link, Redirect, Route, Switch } from 'wouter';
import { describeError } from '../graphql/errors';
import { YilianProvider } from '../graphql/YilianProvider';
import { useT } from '../i18n';
import { LoginPage } from '../features/auth/LoginPage';
import { session, useSession } from '../features/auth/session';
import { useSessionClient } from '../features/auth/useSessionClient';
import { Layout } from '../features/shell/Layout';
import { LoadError } from '../features/shell/LoadError';
import type { Role } from '../graphql/enums';
import { homeFor, ROUTES } from './routes';
import { ViewerContext, ViewerQuery } from './viewer';

/**
 * Signed out → the login page, at whatever address was asked for (so after signing in, and after a
 * session that ended, the person is back where they were). Signed in → the shell and the routes.
 */
export function App() {
  const { token, expired } = useSession();
  const yilian = useSessionClient(token);
  if (!yilian) return null;
  return (
    <YilianProvider value={yilian}>
      {token ? <SignedInShell /> : <LoginPage expired={expired} />}
    </YilianProvider>
  );
}

function SignedInShell() {
  const t = useT();
  const [{ data, error }, reexecute] = useQuery({ query: ViewerQuery });
  if (!data) {
    return (
      <main className="page page--centred">
        {error ? (
          <LoadError
            message={t('shell.error', { message: describeError(error, t) })}
            onRetry={() => reexecute({ requestPolicy: 'network-only' })}
          >
            <button type="button" className="button" onClick={session.signOut}>
              {t('header.logout')}
            </button>
          </LoadError>
        ) : (
          <p className="muted" role="status">
            {t('shell.loading')}
          </p>
        )}
      </main>
    );
  }
  const signedIn = { viewer: data.viewer, alliance: data.alliances[0] ?? null };
  return (
    <ViewerContext.Provider value={signedIn}>
      <Layout>
        <Pages role={data.viewer.role} />
      </Layout>
    </ViewerContext.Provider>
  );
}

function Pages({ role }: { role: Role }) {
  const t = useT();
  return (
    <Suspense
      fallback={
        <p className="muted" role="status">
          {t('page.loading')}
        </p>
      }
    >
      <Switch>
        <Route path="/">
          <Redirect to={homeFor(role)} replace />
        </Route>
        {ROUTES.map((route) => (
          <Route key={route.path} path={route.path}>
            {route.roles.includes(role) ? <route.page /> : <Refusal message="shell.notAllowed" role={role} />}
          </Route>
        ))}
        <Route>
          <Refusal message="shell.notFound" role={role} />
        </Route>
      </Switch>
    </Suspense>
  );
}

function Refusal({ message, role }: { message: 'shell.notAllowed' | 'shell.notFound'; role: Role }) {
  const t = useT();
  return (
    <div className="notice" role="alert">
      <p>{t(message)}</p>
      <Link href={homeFor(role)}>{t('shell.home')}</Link>
    </div>
  );
}
