// The receiving side of the subscriptions bench (bench/subscriptions.mjs): subscribers that are plain
// WebSocket clients speaking graphql-transport-ws, each with its own socket and one subscription. Every
// event is timestamped the moment its socket has it, on the machine-wide monotonic clock
// (process.hrtime, CLOCK_MONOTONIC on Linux) that the bench's writer also uses when it sends a change.
//
// A Receiver runs in the bench's own process, or (run as a script, forked with IPC) in a process of its
// own. Then it reports the times in batches, once its sockets have been quiet for a moment, so that
// reporting stays out of the way of receiving. It says 'ready' first. Messages from the bench:
// { type: 'open', ... } (see `open`), answered 'opened'; { type: 'keep', count }, answered 'kept'; { type: 'report' }, answered
// with closes and errors. Pushed: { type: 'received', batch: [[cursor, [ms, ...]], ...] }.
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = resolve(import.meta.dirname, '..', '..', 'server');
const WebSocket = createRequire(join(serverDir, 'package.json'))('ws');
/** Milliseconds on CLOCK_MONOTONIC: the same clock in every process of the machine. */
export const now = () => Number(process.hrtime.bigint()) / 1e6;

const CURSOR = /"cursor":"([A-Za-z0-9_-]+)"/;

export class Receiver {
  subscribers = [];
  errors = 0;

  /** @param {(cursor: string, t: number) => void} received called for every event, as it arrives */
  constructor(received) {
    this.received = received;
  }

  /** Opens subscribers (200 at a time, alternating over the replicas' `urls`) until it holds `count`. */
  async open({ urls, count, token, query, variables }) {
    while (this.subscribers.length < count) {
      const from = this.subscribers.length;
      const n = Math.min(200, count - from);
      const opened = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          this.openSubscriber(urls[(from + i) % urls.length], token, query, variables),
        ),
      );
      this.subscribers.push(...opened);
    }
    return this.subscribers.length;
  }

  /** Closes all subscribers but the first `count`. */
  keep(count) {
    for (const sub of this.subscribers.splice(count)) sub.socket.close(1000);
    return this.subscribers.length;
  }

  /** How the server closed sockets, and subscription errors. */
  report() {
    return { closes: this.subscribers.filter((s) => s.closed).map((s) => s.closed), errors: this.errors };
  }

  terminate() {
    for (const sub of this.subscribers) sub.socket.terminate();
  }

  openSubscriber(url, token, query, variables) {
    return new Promise((resolveOpen, reject) => {
      const socket = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false });
      const sub = { socket, closed: null };
      socket.on('open', () =>
        socket.send(
          JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }),
        ),
      );
      socket.on('message', (data) => {
        const text = data.toString();
        const match = CURSOR.exec(text);
        if (match) {
          this.received(match[1], now());
          return;
        }
        const message = JSON.parse(text);
        if (message.type === 'connection_ack') {
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
          resolveOpen(sub);
        } else if (message.type === 'error' || message.payload?.errors) {
          this.errors++;
          if (this.errors < 5) console.error('subscription error', text.slice(0, 300));
        }
      });
      socket.on('error', reject);
      socket.on('close', (code, reason) => (sub.closed = { code, reason: String(reason) }));
    });
  }
}

/** A receiver in a process of its own, driven by the bench over IPC. */
function serveOverIpc() {
  // Receive times not yet reported, by cursor. Reported once the sockets have been quiet for QUIET_MS,
  // or at the latest after MAX_WAIT_MS (a sustained load is never quiet).
  const QUIET_MS = 5;
  const MAX_WAIT_MS = 200;
  let unreported = new Map();
  let timer = null;
  let firstAt = 0;
  let lastAt = 0;
  const flush = () => {
    timer = null;
    process.send({ type: 'received', batch: [...unreported] });
    unreported = new Map();
  };
  const schedule = () => {
    timer = setTimeout(() => {
      const t = now();
      if (t - lastAt < QUIET_MS && t - firstAt < MAX_WAIT_MS) schedule();
      else flush();
    }, QUIET_MS);
  };
  const receiver = new Receiver((cursor, t) => {
    const list = unreported.get(cursor);
    if (list) list.push(t);
    else unreported.set(cursor, [t]);
    if (!timer) {
      firstAt = t;
      schedule();
    }
    lastAt = t;
  });
  process.on('message', async (message) => {
    try {
      if (message.type === 'open') process.send({ type: 'opened', count: await receiver.open(message) });
      else if (message.type === 'keep') process.send({ type: 'kept', count: receiver.keep(message.count) });
      else if (message.type === 'report') process.send({ type: 'report', ...receiver.report() });
    } catch (error) {
      process.send({ type: 'failed', message: String(error?.stack ?? error) });
    }
  });
  process.send({ type: 'ready' });
  // The bench has ended: nothing of ours may outlive it.
  process.on('disconnect', () => {
    receiver.terminate();
    process.exit(0);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serveOverIpc();
