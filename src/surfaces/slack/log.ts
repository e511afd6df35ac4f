// Bolt's and the Web API client's log lines, passed to our logger as a short fixed phrase only:
// their details and debug output can hold request bodies, which may carry members' words.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/log.js';

/** The library's sentence up to its first detail (`Failed to verify authenticity: …` → the part before). */
const phrase = (msg: unknown[]): string =>
  typeof msg[0] === 'string'
    ? msg[0]
        .split(/[:(\n]/)[0]!
        .trim()
        .slice(0, 80)
    : 'unknown';

export function libraryLogger(log: Logger): BoltLogger {
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...msg: unknown[]) => log.warn({ surface: 'slack', library: phrase(msg) }, 'slack library warning'),
    error: (...msg: unknown[]) => log.error({ surface: 'slack', library: phrase(msg) }, 'slack library error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.WARN,
    setName: () => undefined,
  };
}
