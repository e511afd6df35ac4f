// Structured logs on stderr (stdout belongs to the terminal surface). Log ids and kinds only:
// never free text about clients or mentors' welfare.
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'mentor-support-bot' } }, pino.destination(2));
}
