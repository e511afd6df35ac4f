// The bot as a real child process (one node process, so a signal reaches the bot itself).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { waitForOutput } from './child-output.js';
import { TEST_DATA_KEYS } from './deps.js';

const root = path.resolve(import.meta.dirname, '../..');

export interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  send(line: string): void;
  /** Resolves once stdout contains `text`; rejects if the process ends first or after `ms`. */
  waitFor(text: string, ms?: number): Promise<void>;
  exited: Promise<number | null>;
}

export function spawnBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_KEYS: TEST_DATA_KEYS,
      ...env,
    },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    send: (line) => child.stdin.write(`${line}\n`),
    exited,
    waitFor(text, ms = 60_000) {
      return waitForOutput(
        child,
        () => out,
        (o) => o.includes(text),
        JSON.stringify(text),
        ms,
        () => `stdout: ${out.slice(-500)} stderr: ${err.slice(-500)}`,
      );
    },
  };
}

/** Runs the bot with all of `input` on standard input, then end of input. */
export async function runBot(
  env: Record<string, string>,
  input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const bot = spawnBot(env);
  bot.child.stdin.end(input);
  const code = await bot.exited;
  return { code, stdout: bot.stdout(), stderr: bot.stderr() };
}
