// Step 3: a named-entity pass with the `compromise` library, a safety net for people and places the
// deny-list does not know (a client's relatives, a town nobody configured). It replaces:
// - words compromise tags as a person (its lexicon of first and last names, and its grammar rules);
// - words it tags as a place (cities, countries, regions);
// - capitalised words it tags as a proper noun but does not know as English, after a place
//   preposition ("in Tipton") as a place, anywhere else as a name;
// - a capitalised word it does not know as English right next to one of those ("Shanice" in
//   "Shanice Ashworth" opening a sentence, where compromise does not call it a proper noun).
// Honorifics stay ("Mrs [name]"), as do possessive endings ("[name]'s"). Recall is measured in the
// tests; names written in lower case or opening a sentence are often missed.
import { compromise } from './nlp.js';
import { isOrdinaryWord } from './english.js';
import type { PlaceholderKind } from './placeholders.js';
import { placeholder, placeholderRanges } from './placeholders.js';

interface Term {
  text: string;
  normal: string;
  tags: string[];
  offset: { start: number; length: number };
}

type TermKind = 'person' | 'place' | 'unknown' | 'adjacent';

const personTags = ['Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName'];
const placeTags = ['Place', 'City', 'Country', 'Region'];
const notNameTags = [
  'Honorific',
  'Pronoun',
  'Date',
  'Month',
  'WeekDay',
  'Holiday',
  'Acronym',
  'Organization',
  'Demonym',
];
const placePrepositions = new Set([
  'in',
  'at',
  'from',
  'near',
  'to',
  'outside',
  'around',
  'towards',
  'into',
  'via',
  'through',
]);

const withoutPossessive = (word: string): string => word.replace(/['’]s$/i, '');

function classify(term: Term): TermKind | undefined {
  if (!/^\p{Lu}/u.test(term.text)) return undefined;
  const has = (tags: string[]) => tags.some((tag) => term.tags.includes(tag));
  if (has(notNameTags)) return undefined;
  if (has(personTags)) return 'person';
  if (has(placeTags)) return 'place';
  if (isOrdinaryWord(withoutPossessive(term.normal))) return undefined;
  return term.tags.includes('ProperNoun') ? 'unknown' : 'adjacent';
}

interface Span {
  start: number;
  end: number;
  kinds: Set<TermKind>;
  afterPlacePreposition: boolean;
}

/** Where a term's text is in `text`: compromise's offset, checked, else the nearest occurrence. */
function locate(text: string, term: Term): number | undefined {
  const { start } = term.offset;
  if (text.startsWith(term.text, start)) return start;
  const found = text.indexOf(term.text, Math.max(0, start - term.text.length));
  return found >= 0 ? found : undefined;
}

function entitySpans(text: string): Span[] {
  const sentences = compromise()(text).json({ offset: true, terms: { offset: true } }) as { terms: Term[] }[];
  const spans: Span[] = [];
  for (const { terms } of sentences) {
    let previous: Term | undefined;
    let current: Span | undefined;
    for (const term of terms) {
      const kind = classify(term);
      const at = kind ? locate(text, term) : undefined;
      if (kind && at !== undefined) {
        const end = at + withoutPossessive(term.text).length;
        if (current && /^[\s'’-]*$/.test(text.slice(current.end, at))) {
          current.end = end;
          current.kinds.add(kind);
        } else {
          current = {
            start: at,
            end,
            kinds: new Set([kind]),
            afterPlacePreposition: placePrepositions.has(previous?.normal ?? ''),
          };
          spans.push(current);
        }
      } else {
        current = undefined;
      }
      previous = term;
    }
  }
  return spans;
}

const kindOf = (span: Span): PlaceholderKind =>
  span.kinds.has('person') ? 'name' : span.kinds.has('place') || span.afterPlacePreposition ? 'place' : 'name';

export function applyEntities(text: string, note: (kind: PlaceholderKind) => void): string {
  const protectedRanges = placeholderRanges(text);
  const spans = entitySpans(text)
    .filter((s) => [...s.kinds].some((k) => k !== 'adjacent'))
    .filter((s) => s.end > s.start && !protectedRanges.some(([a, b]) => s.start < b && a < s.end))
    .sort((a, b) => b.start - a.start);
  let out = text;
  let limit = text.length;
  for (const span of spans) {
    if (span.end > limit) continue;
    const kind = kindOf(span);
    note(kind);
    out = out.slice(0, span.start) + placeholder(kind) + out.slice(span.end);
    limit = span.start;
  }
  return out;
}
