import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

type ParentMessage = { type: 'stop' };
type ChildMessage = { type: 'ready'; port: number };

/** In the child: tell the parent where we listen, and shut down cleanly when asked. */
export function serveChild(port: number, close: () => Promise<void>): void {
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') void close().finally(() => process.exit(0));
  });
  process.send!({ type: 'ready', port } satisfies ChildMessage);
}

export interface Server {
  port: number;
  pid: number;
  /** The kernel's view of the child's memory: current and peak resident set, in MB. */
  rss(): { rssMb: number; peakMb: number };
  /** Asks the child to close and waits for it to exit (a CPU profile, if asked for, is written then). */
  stop(): Promise<void>;
}

function statusField(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/**
 * Starts a bench server in its own Node process (TypeScript through tsx, as `npm start` runs it).
 * BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server there.
 */
export async function startServer(script: string, env: Record<string, string>): Promise<Server> {
  const profDir = process.env.BENCH_CPU_PROF;
  const execArgv = ['--import', 'tsx', ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profDir)}`] : [])];
  const child: ChildProcess = fork(path.join(__dirname, '..', script), [], {
    execArgv,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // stdout carries the bench's one JSON line: whatever a server prints goes to stderr.
  child.stdout!.pipe(process.stderr);
  child.stderr!.pipe(process.stderr);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: ChildMessage) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  const pid = child.pid!;
  return {
    port,
    pid,
    rss: () => ({ rssMb: statusField(pid, 'VmRSS'), peakMb: statusField(pid, 'VmHWM') }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' } satisfies ParentMessage);
      }),
  };
}
