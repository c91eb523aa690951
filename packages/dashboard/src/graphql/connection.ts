import { useSyncExternalStore } from 'react';

/**
 * What the header's indicator shows about the live connection (the graphql-ws socket):
 *
 * - `connecting`: the first connection of this session is being made;
 * - `live`: connected, events arrive as they happen;
 * - `reconnecting`: the socket dropped and is being re-opened (subscriptions resume from their cursors);
 * - `offline`: the browser has no network, or several attempts in a row have failed.
 */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Failed attempts in a row after which "reconnecting" becomes "offline" (retries go on). */
export const OFFLINE_AFTER_FAILURES = 3;

type Listener = () => void;

/**
 * A small external store fed by graphql-ws's client events (`connecting`, `connected`, `closed`) and
 * the browser's `online`/`offline` events. Pure apart from the listeners, so it is unit-tested alone.
 */
export class ConnectionStore {
  private connected = false;
  private everConnected = false;
  private failures = 0;
  private browserOnline: boolean;
  private state: ConnectionState;
  private readonly listeners = new Set<Listener>();

  constructor(browserOnline = true) {
    this.browserOnline = browserOnline;
    this.state = this.compute();
  }

  readonly get = (): ConnectionState => this.state;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** graphql-ws `connected`: the server acknowledged connection_init. */
  onConnected(): void {
    this.connected = true;
    this.everConnected = true;
    this.failures = 0;
    this.update();
  }

  /** graphql-ws `closed`: the socket ended (it will be retried unless the session ends). */
  onClosed(): void {
    if (!this.connected) this.failures++;
    this.connected = false;
    this.update();
  }

  /** The browser's `online` / `offline` events. */
  onBrowserOnline(online: boolean): void {
    this.browserOnline = online;
    this.update();
  }

  private compute(): ConnectionState {
    if (this.connected) return 'live';
    if (!this.browserOnline || this.failures >= OFFLINE_AFTER_FAILURES) return 'offline';
    return this.everConnected ? 'reconnecting' : 'connecting';
  }

  private update(): void {
    const next = this.compute();
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

export function useConnectionState(store: ConnectionStore): ConnectionState {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
