/**
 * Resuming subscriptions from their last cursor (docs/realtime.md, "What a client does").
 *
 * graphql-ws re-sends a subscription's payload object after every reconnect, and serialises it only
 * then. So the payload we hand it reads `variables.after` through a getter: each re-send carries the
 * cursor of the last event this subscription received, and the server replays exactly what was missed
 * (no refetch, nothing lost). The cursor is kept per urql operation key, for the life of the session's
 * client, so a page that is left and opened again resumes too.
 */

export interface SubscriptionPayload {
  readonly query: string;
  readonly operationName?: string;
  readonly variables: Record<string, unknown>;
  readonly extensions?: Record<string, unknown>;
}

type Listener = () => void;

/** The server refused a cursor older than its event retention: state must be read again. */
export function isCursorExpired(errors: unknown): boolean {
  const list = Array.isArray(errors) ? errors : [errors];
  return list.some((error: unknown) => {
    if (typeof error !== 'object' || error === null || !('extensions' in error)) return false;
    const extensions = (error as { extensions?: { reason?: unknown } }).extensions;
    return extensions?.reason === 'CURSOR_EXPIRED';
  });
}

export class SubscriptionCursors {
  private readonly cursors = new Map<string, string>();
  private resyncs = 0;
  private readonly listeners = new Set<Listener>();

  get(key: string): string | undefined {
    return this.cursors.get(key);
  }

  /** Sets where a subscription starts when it has received nothing yet (from `eventCursor`). */
  seed(key: string, cursor: string | null): void {
    if (cursor && !this.cursors.has(key)) this.cursors.set(key, cursor);
  }

  /** Keeps the cursor of every root field of an event (`{ bedAvailabilityChanged: { cursor } }`). */
  rememberFrom(key: string, data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    for (const value of Object.values(data)) {
      if (
        typeof value === 'object' &&
        value !== null &&
        'cursor' in value &&
        typeof value.cursor === 'string'
      )
        this.cursors.set(key, value.cursor);
    }
  }

  /** The cursor is too old: start over without it and tell the pages to read their state again. */
  expire(key: string): void {
    this.cursors.delete(key);
    this.resyncs++;
    for (const listener of this.listeners) listener();
  }

  /** Counts expiries; pages refetch when it changes (useSyncExternalStore). */
  readonly resyncCount = (): number => this.resyncs;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The payload graphql-ws sends, and re-sends on reconnect, with the cursor current at each send. */
  payload(key: string, request: SubscriptionPayload): SubscriptionPayload {
    const cursors = this.cursors;
    return {
      query: request.query,
      ...(request.operationName ? { operationName: request.operationName } : {}),
      ...(request.extensions ? { extensions: request.extensions } : {}),
      get variables() {
        const after = cursors.get(key);
        return after === undefined ? request.variables : { ...request.variables, after };
      },
    };
  }
}
