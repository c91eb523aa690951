import WebSocket from 'ws';

/** A graphql-ws message as received. */
export interface Message {
  type: string;
  id?: string;
  payload?: unknown;
}

export interface Closed {
  code: number;
  reason: string;
}

/**
 * A bare graphql-transport-ws socket, for what a well-behaved client library would never send
 * (oversized or batched messages) and to see close codes as they are.
 */
export class RawSocket {
  private readonly received: Message[] = [];
  private waiting: (() => void) | null = null;
  readonly closed: Promise<Closed>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.received.push(JSON.parse(data.toString()) as Message);
      this.waiting?.();
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.waiting?.();
      }),
    );
  }

  /** Opens a socket to `<server>/graphql`; rejects with the HTTP status when the upgrade is refused. */
  static open(serverUrl: string, headers: Record<string, string> = {}): Promise<RawSocket> {
    const socket = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
      headers,
    });
    const raw = new RawSocket(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(raw));
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused: ${response.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  /** Opens a socket and sends connection_init; answers it once acknowledged. */
  static async connect(serverUrl: string, token?: string): Promise<RawSocket> {
    const raw = await RawSocket.open(serverUrl);
    raw.send({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} });
    const ack = await raw.next();
    if (ack?.type !== 'connection_ack') throw new Error(`not acknowledged: ${JSON.stringify(ack)}`);
    return raw;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next message, or undefined once the socket has closed without one. */
  async next(timeoutMs = 10_000): Promise<Message | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length === 0) {
      if (this.socket.readyState === WebSocket.CLOSED) return undefined;
      if (Date.now() > deadline) throw new Error('no message in time');
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 50);
      });
      this.waiting = null;
    }
    return this.received.shift();
  }

  /**
   * Runs one operation (subscribe, then its first answer): `{ data?, errors? }` from a `next`
   * message, `{ errors }` from an `error` message.
   */
  async run(
    id: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
    this.send({ id, type: 'subscribe', payload: { query, variables } });
    for (;;) {
      const message = await this.next();
      if (!message) throw new Error(`socket closed: ${JSON.stringify(await this.closed)}`);
      if (message.id !== id) continue;
      if (message.type === 'error') return { errors: message.payload as never };
      if (message.type === 'next') return message.payload as never;
    }
  }

  close(): void {
    this.socket.close();
  }
}
