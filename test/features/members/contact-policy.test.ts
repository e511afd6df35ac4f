// What a member types for a contact method: e-mail addresses, phone numbers, delays and codes are
// read strictly (one recipient, E.164), every refusal names the field, and masks never show the whole.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  maskEmail,
  maskPhone,
  parseCode,
  parseDelay,
  parseEmail,
  parsePhone,
} from '../../../src/features/members/contact-policy.js';

const runs = { numRuns: 100 };
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const emails = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9_+-]{1,12}(\.[A-Za-z0-9_+-]{1,8})?$/), label, fc.stringMatching(/^[a-z]{2,6}$/))
  .map(([l, d, t]) => `${l}@${d}.${t}`);

describe('contact input parsers', () => {
  it('reads any well-formed address back as itself (domain lower-cased) and masks it to its first letters and the ending', () => {
    fc.assert(
      fc.property(emails, (email) => {
        const parsed = parseEmail(`  ${email.replace(/@(.*)$/, (_m, d: string) => `@${d.toUpperCase()}`)} `);
        expect(parsed).toEqual({ ok: true, value: email });
        const masked = maskEmail(email);
        expect(masked).toMatch(/^.\*\*\*@.\*\*\*\.[a-z]+$/);
        expect(masked.endsWith(email.slice(email.lastIndexOf('.')))).toBe(true);
      }),
      runs,
    );
    expect(maskEmail('jo.smith@example.org')).toBe('j***@e***.org');
  });

  it('never takes anything that could be two recipients or a header, and names the field', () => {
    fc.assert(
      fc.property(emails, fc.constantFrom(',', ' ', ';', '\r\n', '<', '"', '\n'), fc.nat(), (email, bad, at) => {
        const broken = email.slice(0, at % email.length) + bad + email.slice(at % email.length);
        const parsed = parseEmail(broken);
        if (parsed.ok) expect(parsed.value).not.toContain(bad.trim() || '\u0000');
        else expect(parsed.problem).toMatch(/^address: /);
      }),
      runs,
    );
    for (const bad of [
      'jo',
      'jo@',
      '@example.org',
      'jo@example',
      'jo@@example.org',
      'a,b@example.org',
      'jo@exa mple.org',
      'jo@example.123',
    ]) {
      expect(parseEmail(bad)).toMatchObject({ ok: false, problem: expect.stringMatching(/^address: /) });
    }
  });

  it('reads an international number however it is spaced, as E.164, and masks all but the country and the last three digits', () => {
    const numbers = fc
      .tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{7,14}$/))
      .map(([first, rest]) => `${first}${rest}`);
    fc.assert(
      fc.property(numbers, fc.constantFrom('+', '00'), fc.constantFrom(' ', '-', '.', ''), (digits, prefix, sep) => {
        const typed = prefix + digits.replace(/(\d{3})/g, `$1${sep}`);
        expect(parsePhone(typed)).toEqual({ ok: true, value: `+${digits}` });
        const masked = maskPhone(`+${digits}`);
        expect(masked.startsWith(`+${digits.slice(0, 2)} `)).toBe(true);
        expect(masked.endsWith(digits.slice(-3))).toBe(true);
        expect(masked.replace(/\D/g, '')).toHaveLength(5);
      }),
      runs,
    );
    expect(maskPhone('+447700900123')).toBe('+44 ***** **123');
  });

  it('refuses a national, short, long or lettered number, naming the field', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (typed) => {
        const parsed = parsePhone(typed);
        if (parsed.ok) expect(parsed.value).toMatch(/^\+[1-9]\d{7,14}$/);
        else expect(parsed.problem).toMatch(/^address: /);
      }),
      runs,
    );
    for (const bad of ['07700 900123', '+44 7700', '+1234567890123456', '+44 77OO 900123', '+0447700900123'])
      expect(parsePhone(bad)).toMatchObject({ ok: false });
    expect(parsePhone('07700 900123')).toMatchObject({ problem: expect.stringContaining('country code') });
  });

  it('reads a delay of 0 to 60 minutes in any of its spellings, and refuses the rest naming the field', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.constantFrom('', 'm', ' min', ' minutes'), (n, unit) => {
        const parsed = parseDelay(`${n}${unit}`);
        expect(parsed).toEqual(
          n <= 60 ? { ok: true, value: n } : { ok: false, problem: expect.stringMatching(/^delay: /) },
        );
      }),
      runs,
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (typed) => {
        const parsed = parseDelay(typed);
        if (parsed.ok) expect(parsed.value).toBeLessThanOrEqual(60);
        else expect(parsed.problem).toMatch(/^delay: /);
      }),
      runs,
    );
    expect(parseDelay('immediately')).toEqual({ ok: true, value: 0 });
  });

  it('takes a six-digit code with spaces or a dash, and nothing else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), (typed) => {
        const parsed = parseCode(typed);
        if (parsed.ok) expect(parsed.value).toMatch(/^\d{6}$/);
        else expect(parsed.problem).toMatch(/^code: /);
      }),
      runs,
    );
    expect(parseCode('123 456')).toEqual({ ok: true, value: '123456' });
  });
});
