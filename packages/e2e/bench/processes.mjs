// Child processes for the benchmarks: the built server (or a baseline) started as its own process.
import { spawn } from 'node:child_process';

/**
 * Spawns a node child, keeps the tail of its output for error messages, and registers its stop
 * (SIGTERM, then SIGKILL after 10 s) in `cleanups`, which the benchmark runs on exit.
 */
export function startChild({ name, script, env, nodeArgs = [], cleanups, keepChars = 4000 }) {
  const proc = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
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
