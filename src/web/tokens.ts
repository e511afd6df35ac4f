// Secret URL tokens (ack links, sign-in links, calendar feeds): 256 random bits as base64url, stored
// only as their SHA-256, so a database copy opens nothing.
import { createHash, randomBytes } from 'node:crypto';

export const newUrlToken = (): string => randomBytes(32).toString('base64url');

export const hashUrlToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** The shape newUrlToken makes; anything else is refused before any lookup. */
export const isUrlTokenShape = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);
