// Starts test/helpers/outbox-worker.ts as a real child process (one node process, so SIGKILL hits
// the replica itself).
import { waitForOutput } from './child-output.js';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface WorkerProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stdout has `line`; rejects if the process ends first or after `ms`. */
  waitFor(line: string, ms?: number): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function spawnOutboxWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/outbox-worker.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor(line, ms = 30_000) {
      return waitForOutput(
        child,
        () => out,
        (o) => o.split('\n').includes(line),
        line,
        ms,
        () => `stderr: ${err.slice(-800)}`,
      );
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
