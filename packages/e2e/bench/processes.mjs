// Child processes for the benchmarks: the built server (or a baseline) started as its own process.
import { spawn } from 'node:child_process';

/**
 * Spawns a node child (or `command`), keeps the tail of its output for error messages, and registers its
 * stop (SIGTERM, then SIGKILL after 10 s) in `cleanups`, which the benchmark runs on exit. With `ipc`, the
 * child has an IPC channel (`proc.send`, `process.on('message')`); with `stdin`, a pipe to its stdin.
 */
export function startChild({
  name,
  script,
  env,
  command = process.execPath,
  nodeArgs = [],
  cleanups,
  keepChars = 4000,
  ipc = false,
  stdin = false,
}) {
  const proc = spawn(command, [...nodeArgs, script], {
    env: { ...process.env, ...env },
    stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])],
  });
  let tail = '';
  const keep = (chunk) => (tail = (tail + chunk.toString()).slice(-keepChars));
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  cleanups.push(async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  });
  return { proc, name, output: () => tail };
}

/**
 * The cleanup every benchmark needs: steps run once, in reverse order of registration, on normal end,
 * on SIGINT/SIGTERM, and from a watchdog after `maxMinutes` whatever happens.
 */
export function createCleanup(label, maxMinutes) {
  const cleanups = [];
  let cleaning;
  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const step of cleanups.reverse())
        await step().catch((e) => console.error(`cleanup: ${e.message}`));
    })());
  const watchdog = setTimeout(() => {
    console.error(`${label}: watchdog: still running after ${maxMinutes} min, stopping`);
    cleanup().finally(() => process.exit(2));
  }, maxMinutes * 60_000);
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => cleanup().finally(() => process.exit(130)));
  return { cleanups, cleanup, stopWatchdog: () => clearTimeout(watchdog) };
}
