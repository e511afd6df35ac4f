// Cookies in and out. Every cookie the web layer sets is HttpOnly and SameSite=Strict; it is Secure
// (and may carry the __Host- prefix) when PUBLIC_URL is https.
export interface SetCookie {
  name: string;
  value: string;
  /** Seconds until it expires; 0 deletes it; absent makes it a browser-session cookie. */
  maxAgeSeconds?: number;
  /** Default '/'. */
  path?: string;
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const VALUE = /^[A-Za-z0-9._~+/=-]{0,512}$/;

/** Only well-formed name=value pairs are kept; the first of a repeated name wins. */
export function parseCookies(header: string | undefined): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').slice(0, 8192).split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (NAME.test(name) && VALUE.test(value) && !out.has(name)) out.set(name, value);
  }
  return out;
}

export function serializeCookie(cookie: SetCookie, secure: boolean): string {
  if (!NAME.test(cookie.name) || !VALUE.test(cookie.value))
    throw new Error(`cookie ${cookie.name} has characters a cookie cannot carry`);
  const parts = [`${cookie.name}=${cookie.value}`, `Path=${cookie.path ?? '/'}`, 'HttpOnly', 'SameSite=Strict'];
  if (cookie.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(cookie.maxAgeSeconds))}`);
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** `__Host-name` on https (bound to this host, Path=/, Secure); the bare name on plain http. */
export const cookieName = (name: string, secure: boolean) => (secure ? `__Host-${name}` : name);
