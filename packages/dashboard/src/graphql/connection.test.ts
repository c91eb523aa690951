import { describe, expect, it } from 'vitest';
import { ConnectionStore, OFFLINE_AFTER_FAILURES } from './connection';

describe('ConnectionStore', () => {
  it('goes connecting → live → reconnecting → live', () => {
    const store = new ConnectionStore();
    const seen: string[] = [store.get()];
    store.subscribe(() => seen.push(store.get()));
    store.onConnected();
    store.onClosed();
    store.onConnected();
    expect(seen).toEqual(['connecting', 'live', 'reconnecting', 'live']);
  });

  it('says offline after several failed attempts in a row, and live again once one succeeds', () => {
    const store = new ConnectionStore();
    store.onConnected();
    store.onClosed(); // the drop itself
    for (let i = 0; i < OFFLINE_AFTER_FAILURES - 1; i++) store.onClosed();
    expect(store.get()).toBe('reconnecting');
    store.onClosed();
    expect(store.get()).toBe('offline');
    store.onConnected();
    expect(store.get()).toBe('live');
  });

  it('follows the browser going offline and online', () => {
    const store = new ConnectionStore(false);
    expect(store.get()).toBe('offline');
    store.onBrowserOnline(true);
    expect(store.get()).toBe('connecting');
    store.onConnected();
    store.onBrowserOnline(false);
    // A socket that is still up is still live; the browser's word counts once it drops.
    expect(store.get()).toBe('live');
    store.onClosed();
    expect(store.get()).toBe('offline');
  });
});
