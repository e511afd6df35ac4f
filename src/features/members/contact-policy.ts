// Pure rules for contact methods: reading an e-mail address, a phone number and a delay as typed,
// masking them for display, and the verification code. Each parser names what is wrong.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

export type ContactKind = 'email' | 'sms';
export const contactKinds: readonly ContactKind[] = ['email', 'sms'];
export const kindWords: Record<ContactKind, string> = { email: 'e-mail', sms: 'SMS' };

export const CODE_TTL_MS = 15 * 60_000;
export const CODE_ATTEMPTS = 5;
/** A new code at most this often per method (each one is a message to a phone or an inbox). */
export const RESEND_AFTER_MS = 60_000;
export const MAX_DELAY_MINUTES = 60;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * An e-mail address: one @, a dot-atom local part (no quotes, spaces or commas, so it can only ever
 * be one recipient) and a domain of at least two labels ending in letters. The domain is lower-cased.
 */
export function parseEmail(text: string): Parsed<string> {
  const typed = text.trim().replace(/^mailto:/i, '');
  const at = typed.lastIndexOf('@');
  if (at <= 0 || at === typed.length - 1)
    return { ok: false, problem: 'address: an e-mail address looks like jo@example.org.' };
  const local = typed.slice(0, at);
  const domain = typed.slice(at + 1).toLowerCase();
  if (local.length > 64 || !LOCAL.test(local))
    return {
      ok: false,
      problem: 'address: the part before the @ can hold letters, digits and . _ + - only (no spaces or commas).',
    };
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !/^[a-z]{2,63}$/.test(labels.at(-1)!)) {
    return { ok: false, problem: 'address: the part after the @ should be a domain like example.org.' };
  }
  const address = `${local}@${domain}`;
  if (address.length > 254) return { ok: false, problem: 'address: an e-mail address can be at most 254 characters.' };
  return { ok: true, value: address };
}

/**
 * A mobile number in international form, stored as E.164 (`+447700900123`): a leading + or 00,
 * then 8 to 15 digits; spaces, dots, dashes and brackets are ignored. A national number (07700 ...)
 * is refused, because the gateway cannot know its country.
 */
export function parsePhone(text: string): Parsed<string> {
  const compact = text.trim().replace(/[\s.()-]/g, '');
  const international = compact.startsWith('+')
    ? compact.slice(1)
    : compact.startsWith('00')
      ? compact.slice(2)
      : undefined;
  if (international === undefined) {
    return /^\d+$/.test(compact)
      ? { ok: false, problem: 'address: please give the number with its country code, like +44 7700 900123.' }
      : { ok: false, problem: 'address: a phone number has digits only, like +44 7700 900123.' };
  }
  if (!/^\d+$/.test(international))
    return { ok: false, problem: 'address: a phone number has digits only, like +44 7700 900123.' };
  if (international.startsWith('0'))
    return { ok: false, problem: 'address: a country code never starts with 0; for the UK write +44 7700 900123.' };
  if (international.length < 8 || international.length > 15)
    return { ok: false, problem: 'address: an international number has 8 to 15 digits after the +.' };
  return { ok: true, value: `+${international}` };
}

/** Minutes after being paged: `0`, `now`, `immediately`, `5`, `5m`, `5 min`, `5 minutes` (0 to 60). */
export function parseDelay(text: string): Parsed<number> {
  const typed = text.trim().toLowerCase();
  if (['now', 'immediately', 'at once', 'none'].includes(typed)) return { ok: true, value: 0 };
  const match = /^(\d{1,3})\s*(m|min|mins|minute|minutes)?$/.exec(typed);
  if (!match)
    return {
      ok: false,
      problem: `delay: give the minutes after you are paged, from 0 (immediately) to ${MAX_DELAY_MINUTES}, like delay:5.`,
    };
  const minutes = Number(match[1]);
  if (minutes > MAX_DELAY_MINUTES)
    return {
      ok: false,
      problem: `delay: at most ${MAX_DELAY_MINUTES} minutes; an escalation cannot wait longer for you.`,
    };
  return { ok: true, value: minutes };
}

export const delayText = (minutes: number) =>
  minutes === 0 ? 'immediately' : `after ${minutes} minute${minutes === 1 ? '' : 's'}`;

/** `jo.smith@example.org` → `j***@e***.org`: enough to recognise, not enough to use. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  const dot = domain.indexOf('.');
  return `${address[0]}***@${domain[0]}***${domain.slice(dot)}`;
}

/** `+447700900123` → `+44 ***** **123`: the country code (two digits shown) and the last three. */
export function maskPhone(number: string): string {
  const digits = number.replace(/^\+/, '');
  const rest = digits.slice(2);
  const masked = `${'*'.repeat(Math.max(0, rest.length - 3))}${rest.slice(-3)}`;
  return `+${digits.slice(0, 2)} ${masked.length > 5 ? `${masked.slice(0, -5)} ${masked.slice(-5)}` : masked}`;
}

export const maskAddress = (kind: ContactKind, address: string) =>
  kind === 'email' ? maskEmail(address) : maskPhone(address);

/** A code as typed: six digits, spaces and dashes ignored. */
export function parseCode(text: string): Parsed<string> {
  const digits = text.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits)
    ? { ok: true, value: digits }
    : { ok: false, problem: 'code: the code has 6 digits, like 123456 (from the e-mail or text message).' };
}

export const newVerificationCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Bound to its method, so a hash says nothing about another method's code. */
export const hashVerificationCode = (methodId: string, code: string) =>
  createHash('sha256').update(`${methodId}:${code}`).digest('hex');

export const codeMatches = (methodId: string, code: string, hash: string) =>
  timingSafeEqual(Buffer.from(hashVerificationCode(methodId, code)), Buffer.from(hash.padEnd(64, '0').slice(0, 64)));
