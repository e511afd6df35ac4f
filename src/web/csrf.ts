// CSRF protection for every POST: a signed double-submit token. Each browser gets a random nonce in
// an HttpOnly, SameSite=Strict cookie; a form carries `_csrf`, the nonce and the form's path sealed
// with the data key (AES-GCM, bound to the nonce). A POST is accepted only when the field opens with
// the cookie's nonce and names the path it was posted to, and the browser does not say the request
// came from another site (Sec-Fetch-Site). No server-side state, and it holds across replicas.
import { randomBytes } from 'node:crypto';
import type { Cipher } from '../db/cipher.js';

export const CSRF_FIELD = '_csrf';
export const CSRF_COOKIE = 'msn_csrf';

const binding = (nonce: string) => ({ table: 'web', column: 'csrf', rowId: nonce });

export const newCsrfNonce = (): string => randomBytes(24).toString('base64url');
export const isCsrfNonce = (value: string | undefined): value is string =>
  value !== undefined && /^[A-Za-z0-9_-]{32}$/.test(value);

/** The hidden field's value for a form that posts to `path`. */
export const csrfToken = (cipher: Cipher, nonce: string, path: string): string => cipher.seal(path, binding(nonce));

export function csrfValid(
  cipher: Cipher,
  input: { nonce: string | undefined; token: unknown; path: string; fetchSite: string | undefined },
): boolean {
  if (input.fetchSite === 'cross-site') return false;
  if (!isCsrfNonce(input.nonce) || typeof input.token !== 'string' || input.token.length > 400) return false;
  try {
    return cipher.open(input.token, binding(input.nonce)) === input.path;
  } catch {
    return false;
  }
}
