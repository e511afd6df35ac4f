// The router's own answers, which no handler wrote: busy, already received, failed, refused.
import type { Message } from './message.js';
import type { Outcome } from './use-case.js';

/** What a button with a value that does not parse is answered with. */
export const INVALID_BUTTON = 'That button is no longer valid.';

/** Said when the process has as much in hand as it can answer in time: nothing was started. */
export const BUSY: Message = {
  text: 'Sorry, the bot is very busy just this moment, so nothing was done yet. Please try again in a moment.',
  tone: 'warning',
};

export const SOMETHING_WRONG: Message = {
  text: 'Sorry, something went wrong on our side and nothing was saved. Please try again in a moment; if it keeps happening, tell a coordinator.',
  tone: 'warning',
};

/** The same delivery again: it was handled (and what it sent kept) the first time, so nothing more is done. */
export const ALREADY_RECEIVED: Outcome = {
  duplicate: true,
  saved: true,
  messages: [{ text: 'Already received: this was handled the first time, so nothing more was done.' }],
};

/** Turned back with a warning (a refusal, busy, a failure): nothing was kept. */
export const turnedBack = (message: Message | string): Outcome => ({
  messages: [typeof message === 'string' ? { text: message, tone: 'warning' } : message],
  saved: false,
});

/**
 * No connection in time, so nothing ran: Prisma's P2028 (a transaction could not start within its
 * wait) or the pool's own connection timeout.
 */
export const couldNotStart = (error: unknown) =>
  (error as { code?: string }).code === 'P2028' ||
  /timeout exceeded when trying to connect/.test((error as Error).message ?? '');
