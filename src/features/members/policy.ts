// Pure rules about members: references, link codes, what a profile says about visibility.
import { createHash, randomInt } from 'node:crypto';

/** A platform mention (<@U123>, <@!123>, <@123|name>) or a bare id, as the user id it names. */
export function mentionedUserId(ref: string): string | undefined {
  const mention = /^<@!?([A-Za-z0-9]+)(\|[^>]*)?>$/.exec(ref.trim());
  if (mention) return mention[1];
  return /^(U|W)[A-Z0-9]{6,}$|^\d{15,21}$/.test(ref.trim()) ? ref.trim() : undefined;
}

// Letters and digits that cannot be misread for one another (no 0/O, 1/I/L).
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const LINK_CODE_TTL_MS = 15 * 60 * 1000;
export const LINK_ATTEMPTS_PER_WINDOW = 5;

export function newLinkCode(): string {
  const pick = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${pick()}-${pick()}`;
}

export function normaliseLinkCode(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/^(.{4})(.{4})$/, '$1-$2');
}

export const hashLinkCode = (code: string) => createHash('sha256').update(normaliseLinkCode(code)).digest('hex');

export const specialismChoices = [
  { value: 'islamist_extremism', label: 'Islamist-influenced extremism' },
  { value: 'extreme_right_wing', label: 'Extreme right wing' },
  { value: 'animal_rights', label: 'Animal rights extremism' },
  { value: 'hate_crime', label: 'Hate crime' },
  { value: 'domestic_violence', label: 'Domestic violence perpetrators' },
  { value: 'gang_exit', label: 'Gang exit' },
  { value: 'prison_probation', label: 'Prison and probation' },
  { value: 'motivational_interviewing', label: 'Motivational interviewing' },
  { value: 'youth', label: 'Young people' },
] as const;

export type Specialism = (typeof specialismChoices)[number]['value'];

export function parseSpecialisms(text: string): { ok: true; values: Specialism[] } | { ok: false; unknown: string[] } {
  const known = new Set<string>(specialismChoices.map((c) => c.value));
  const tokens = text
    .split(',')
    .map((t) =>
      t
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_'),
    )
    .filter(Boolean);
  const unknown = tokens.filter((t) => !known.has(t));
  return unknown.length ? { ok: false, unknown } : { ok: true, values: [...new Set(tokens)] as Specialism[] };
}
