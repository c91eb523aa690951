import { Provider } from 'urql';
import { LoginPage } from './features/auth/LoginPage';
import { useSession } from './features/auth/session';
import { useSessionClient } from './features/auth/useSessionClient';
import { MembersPage } from './features/members/MembersPage';

/** Signed out → login; signed in → the members page. Routing arrives with the second page. */
export function App() {
  const { token, expired } = useSession();
  const client = useSessionClient(token);
  if (!client) return null;

  return <Provider value={client}>{token ? <MembersPage /> : <LoginPage expired={expired} />}</Provider>;
}
