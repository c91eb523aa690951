// Loaded into the bench's server replicas with --trace-sends (node --import): records when the server
// hands each subscription event to its socket, so the bench can tell the server's part of the latency
// from the receiving side's. ws writes a message to the kernel inside `send()` (one writev per socket),
// so the moment of the call is the moment the event leaves the server, to within microseconds.
// Times are CLOCK_MONOTONIC milliseconds (process.hrtime), the clock the bench's writer and receivers use.
// On SIGUSR2 the replica writes what it recorded to $YILIAN_BENCH_TRACE_FILE and starts afresh.
// Costs one regular expression per message sent; off unless asked for.
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const file = process.env.YILIAN_BENCH_TRACE_FILE;
if (!file) throw new Error('trace-sends.mjs needs YILIAN_BENCH_TRACE_FILE');
// The server's own copy of ws (the one graphql-ws's sockets are made by).
const WebSocket = createRequire(resolve(process.argv[1]))('ws');
const send = WebSocket.prototype.send;
const CURSOR = /"cursor":"([A-Za-z0-9_-]+)"/;
let sends = [];
WebSocket.prototype.send = function tracedSend(data, ...rest) {
  const match = typeof data === 'string' ? CURSOR.exec(data) : null;
  if (match) sends.push(match[1], Number(process.hrtime.bigint()) / 1e6);
  return send.call(this, data, ...rest);
};
process.on('SIGUSR2', () => {
  // Written aside and renamed, so the bench never reads half a file.
  writeFileSync(`${file}.tmp`, JSON.stringify(sends));
  renameSync(`${file}.tmp`, file);
  sends = [];
});
