// Waiting for a child process to print something, failing clearly if it exits or takes too long.
import type { ChildProcess } from 'node:child_process';

export function waitForOutput(
  child: ChildProcess,
  output: () => string,
  seen: (out: string) => boolean,
  what: string,
  ms: number,
  context: () => string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`timed out waiting for ${what}; ${context()}`)), ms);
    const check = () => seen(output()) && done();
    const onExit = () => done(new Error(`exited before ${what}; ${context()}`));
    function done(error?: Error) {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}
