/**
 * localStorage that never throws: private browsing modes and locked-down hospital PCs can deny
 * storage, and the dashboard must still work (it just forgets the token/language on reload).
 */
export const storage = {
  get(key: string): string | null {
    try {
      return globalThis.localStorage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      globalThis.localStorage?.setItem(key, value);
    } catch {
      // Not persisted; the in-memory state still holds for this page load.
    }
  },
  remove(key: string): void {
    try {
      globalThis.localStorage?.removeItem(key);
    } catch {
      // Nothing to remove if storage is unavailable.
    }
  },
};
