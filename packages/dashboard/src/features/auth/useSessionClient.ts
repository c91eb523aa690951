import { useEffect, useState } from 'react';
import { createYilianClient, type YilianClient } from '../../graphql/client';
import { session } from './session';

/**
 * The client for the current token. A new token means a new client (fresh cache, fresh socket,
 * fresh cursors); the old one is disposed. Returns null for the one render before the effect ran.
 */
export function useSessionClient(token: string | null): YilianClient | null {
  const [current, setCurrent] = useState<YilianClient | null>(null);

  useEffect(() => {
    const next = createYilianClient({ token, onUnauthenticated: () => session.expire(token) });
    setCurrent(next);
    return () => next.dispose();
  }, [token]);

  return current !== null && current.token === token ? current : null;
}
