// Structured logs on stderr (stdout belongs to the terminal surface). Log ids and kinds only:
// never free text about clients or mentors' welfare.
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'mentor-support-bot' } }, pino.destination(2));
}

/** An error as a log line may hold it: its name and code, never its message (which may quote a member). */
export const errorFields = (error: unknown): { name?: string; code?: unknown } => ({
  name: (error as Error).name,
  code: (error as { code?: unknown }).code,
});
