import { useSyncExternalStore } from 'react';
import { storage } from '../../lib/storage';

export const TOKEN_STORAGE_KEY = 'yilian.token';

export interface SessionState {
  /** Bearer token; null when signed out. */
  readonly token: string | null;
  /** True when the server ended the session (as opposed to the person signing out). */
  readonly expired: boolean;
}

type Listener = () => void;

let state: SessionState = { token: storage.get(TOKEN_STORAGE_KEY), expired: false };
const listeners = new Set<Listener>();

function update(next: SessionState): void {
  if (next.token === state.token && next.expired === state.expired) return;
  state = next;
  for (const listener of listeners) listener();
}

/**
 * The signed-in session, persisted in localStorage so a reload (or a wall screen rebooting)
 * stays signed in. A tiny external store: React reads it with `useSession()`, and the urql
 * client's error handling can end it without going through React.
 */
export const session = {
  get: (): SessionState => state,

  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  signIn(token: string): void {
    storage.set(TOKEN_STORAGE_KEY, token);
    update({ token, expired: false });
  },

  signOut(): void {
    storage.remove(TOKEN_STORAGE_KEY);
    update({ token: null, expired: false });
  },

  /**
   * The server rejected `token`. Only ends the session if that is still the current token: a
   * late answer to a request made with an older token must not sign out a newer session.
   */
  expire(token: string | null): void {
    if (token === null || token !== state.token) return;
    storage.remove(TOKEN_STORAGE_KEY);
    update({ token: null, expired: true });
  },
};

// Signing out (or in) in one tab applies to the others.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === TOKEN_STORAGE_KEY || event.key === null) {
      update({ token: storage.get(TOKEN_STORAGE_KEY), expired: false });
    }
  });
}

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.get);
}
