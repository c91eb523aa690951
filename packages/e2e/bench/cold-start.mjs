// Cold start to /readyz on an already-initialised data folder (issue: "under 10 s on this machine").
// Usage (after `pnpm build`): node packages/e2e/bench/cold-start.mjs [runs=5]
// Starts the built server exactly as `pnpm start` does (embedded PostgreSQL, demo alliance) once to
// initialise a fresh data folder, then times `runs` cold starts: process spawn -> /readyz answering 200.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const runs = Number(process.argv[2] ?? 5);
const entry = resolve(import.meta.dirname, '..', '..', 'server', 'dist', 'index.js');
const dataDir = await mkdtemp(join(tmpdir(), 'yilian-cold-'));
await chmod(dataDir, 0o755);

const freePort = () =>
  new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

async function startOnce() {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      YILIAN_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error('server exited');
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - started;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return ms;
}

const first = await startOnce();
console.log(`first start (initdb + migrate + seed): ${(first / 1000).toFixed(2)} s`);
const times = [];
for (let i = 0; i < runs; i++) times.push(await startOnce());
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(
  `cold start to /readyz on an initialised folder, ${runs} runs: median ${(median / 1000).toFixed(2)} s, ` +
    `min ${(times[0] / 1000).toFixed(2)} s, max ${(times.at(-1) / 1000).toFixed(2)} s`,
);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
await rm(dataDir, { recursive: true, force: true });
