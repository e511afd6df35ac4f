// Bounded admission: at most `limit` interactions do database work at once in this process. The
// rest wait in line, but only as long as their answer can still arrive in time (Slack's trigger_id
// and Discord's interaction both expire 3 s after the click): past `maxWaitMs`, or with the line
// full, the member is told plainly that the bot is busy, and nothing was started. Urgent work (an
// escalation being raised or acknowledged) never waits in line.
import { performance } from 'node:perf_hooks';

export interface AdmissionOptions {
  limit: number;
  maxWaitMs: number;
  maxQueue: number;
}

export interface Admission {
  /** A release function once admitted; undefined when the member should be told the bot is busy. */
  enter(urgent: boolean): Promise<(() => void) | undefined>;
  /** How long since `startedAt` (performance.now()) is still worth a retry. */
  hasTime(startedAt: number): boolean;
  inFlight(): number;
}

export function createAdmission({ limit, maxWaitMs, maxQueue }: AdmissionOptions): Admission {
  let active = 0;
  const waiting: { admit: () => void; timer: NodeJS.Timeout }[] = [];
  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      active++;
      next.admit();
    }
  };
  const once = () => {
    let done = false;
    return () => {
      if (!done) {
        done = true;
        release();
      }
    };
  };
  return {
    async enter(urgent) {
      if (urgent || active < limit) {
        active++;
        return once();
      }
      if (waiting.length >= maxQueue) return undefined;
      return new Promise((resolve) => {
        const entry = {
          admit: () => resolve(once()),
          timer: setTimeout(() => {
            waiting.splice(waiting.indexOf(entry), 1);
            resolve(undefined);
          }, maxWaitMs),
        };
        waiting.push(entry);
      });
    },
    hasTime: (startedAt) => performance.now() - startedAt < maxWaitMs,
    inFlight: () => active,
  };
}
