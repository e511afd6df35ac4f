// Step 2: patterns for identifiers that have a shape. The order matters: e-mail addresses before
// handles (both have "@"), dates before phone numbers (both are runs of digits).
import { generaliseDates } from './dates.js';
import type { Kind, PlaceholderKind } from './placeholders.js';
import { placeholder } from './placeholders.js';

interface Pattern {
  kind: PlaceholderKind;
  regex: RegExp;
  /** Extra check on a match; a match that fails it is left alone. */
  accept?: (match: string) => boolean;
  /** What replaces the match, when not just the placeholder (the words kept around it). */
  replace?: (groups: Record<string, string>) => string;
}

const digitCount = (s: string): number => s.replace(/\D/g, '').length;

const before = String.raw`(?<![\p{L}\p{N}_])`;
const after = String.raw`(?![\p{L}\p{N}_])`;
const streetTypes =
  'Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Court|Crescent|Place|Grove|Gardens|Terrace|Walk|Row|Square|Mews|Parade|Rise|Hill|View|Green|Park';
// Without a house number only the street types that rarely end anything else.
const unnumberedStreetTypes = 'Road|Street|Avenue|Lane|Close|Drive|Crescent|Grove|Terrace|Mews|Parade';
const notDeterminer = String.raw`(?!(?:The|A|An|This|That|Our|His|Her|My|Their|Your|Its|One|Each|Every|Any|No)\s)`;
const capitalisedWords = (most: number) => String.raw`(?:${notDeterminer}\p{Lu}[\p{L}'’-]*\s+){1,${most}}`;

export const emailPattern = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
export const linkPattern = /\b(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?)'’]/giu;

const patterns: Pattern[] = [
  { kind: 'email', regex: emailPattern },
  { kind: 'link', regex: linkPattern },
  // Slack (<@U024BE7LH>) and Discord (<@123>, <@!123>) mentions, then plain @handles.
  { kind: 'name', regex: /<@[!&]?[A-Z0-9]+(?:\|[^>]*)?>/giu },
  { kind: 'name', regex: /(?<![\p{L}\p{N}_.@])@[\p{L}\p{N}_](?:[\p{L}\p{N}._-]*[\p{L}\p{N}_])?/gu },
  // UK (07700 900123, 0121 496 0000, (0121) 4960000) and international (+44 7700 900123, 0033 1 23 45 67 89).
  {
    kind: 'phone',
    regex: /(?<![\p{L}\p{N}_+])(?:\+\d|\(\+?\d|0)[\d\s().-]{6,20}\d(?![\p{L}\p{N}_])/gu,
    accept: (m) => digitCount(m) >= 9 && digitCount(m) <= 15,
  },
  {
    kind: 'postcode',
    regex: new RegExp(
      String.raw`${before}(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})${after}`,
      'giu',
    ),
  },
  {
    kind: 'address',
    regex: new RegExp(
      String.raw`${before}(?:(?:Flat|Apartment|Unit)\s+\d+[A-Za-z]?,?\s+)?\d{1,4}[A-Za-z]?,?\s+${capitalisedWords(3)}(?:${streetTypes})${after}`,
      'gu',
    ),
  },
  {
    kind: 'address',
    regex: new RegExp(`${before}${capitalisedWords(2)}(?:${unnumberedStreetTypes})${after}`, 'gu'),
  },
  // Ages: "aged 17" -> "aged [age]"; "17-year-old", "17 years old", "17 yo", "17 y/o" -> "[age]".
  {
    kind: 'age',
    regex: new RegExp(String.raw`${before}(?<word>aged?)(?<gap>\s*:?\s*)\d{1,3}${after}`, 'giu'),
    replace: (g) => `${g.word}${g.gap}${placeholder('age')}`,
  },
  { kind: 'age', regex: new RegExp(String.raw`${before}\d{1,3}(?:\s*|-)(?:years?|yrs?)(?:\s*|-)old${after}`, 'giu') },
  { kind: 'age', regex: new RegExp(String.raw`${before}\d{1,3}\s*(?:yo|y\/o|y\.o\.?)(?![\p{L}\p{N}_/])`, 'giu') },
  // Shaped like a case code (MS-0042): a few letters, a dash, three or more digits. Real case codes
  // are all on the deny-list; this catches typos and other schemes' codes, and leaves "COVID-19" alone.
  { kind: 'case', regex: /(?<![\p{L}\p{N}_-])[A-Za-z]{1,6}-\d{3,6}(?![\p{L}\p{N}_-])/gu },
];

export function applyPatterns(text: string, note: (kind: Kind) => void): string {
  let out = generaliseDates(text, () => note('date'));
  for (const pattern of patterns) {
    out = out.replace(pattern.regex, (match: string, ...rest: unknown[]) => {
      if (pattern.accept && !pattern.accept(match)) return match;
      note(pattern.kind);
      return pattern.replace ? pattern.replace(rest.at(-1) as Record<string, string>) : placeholder(pattern.kind);
    });
  }
  return out;
}
