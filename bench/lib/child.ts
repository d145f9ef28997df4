import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface Server {
  port: number;
  pid: number;
  /** The kernel's view of the child's memory: current and peak resident set, in MB. */
  rss(): { rssMb: number; peakMb: number };
  /** SIGTERM, then wait for the exit (a CPU profile, if asked for, is written then). */
  stop(): Promise<void>;
}

function statusField(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** A loopback port nobody listens on right now. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function waitUntilReady(child: ChildProcess, url: string, what: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} before it was ready`);
    const status = await fetch(url).then((res) => res.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} was not ready within 90 s`);
}

/**
 * Starts a server script in its own Node process, TypeScript through tsx as `npm start` runs it,
 * with PORT set, and waits until `readyPath` answers 200. BENCH_CPU_PROF=<dir> writes a V8 CPU
 * profile of the process there when it stops.
 */
export async function startServer(script: string, env: Record<string, string>, readyPath: string): Promise<Server> {
  const port = await freePort();
  const profDir = process.env.BENCH_CPU_PROF;
  const child = fork(path.resolve(__dirname, '..', '..', script), [], {
    execArgv: ['--import', 'tsx', ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profDir)}`] : [])],
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // stdout carries the bench's one JSON line: whatever a server prints goes to stderr.
  child.stdout!.pipe(process.stderr);
  child.stderr!.pipe(process.stderr);
  try {
    await waitUntilReady(child, `http://127.0.0.1:${port}${readyPath}`, script);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  const pid = child.pid!;
  return {
    port,
    pid,
    rss: () => ({ rssMb: statusField(pid, 'VmRSS'), peakMb: statusField(pid, 'VmHWM') }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
