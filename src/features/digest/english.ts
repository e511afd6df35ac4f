// Whether a word is ordinary English, according to the lexicon of the `compromise` library.
import { compromise } from './nlp.js';

let loaded: Record<string, string | string[]> | undefined;
const lexicon = () =>
  (loaded ??= (compromise().model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon);
const nameTags = new Set([
  'FirstName',
  'MaleName',
  'FemaleName',
  'LastName',
  'Person',
  'Honorific',
  'Place',
  'City',
  'Country',
  'Region',
  'ProperNoun',
  'Organization',
]);

/** True for a word the lexicon knows as something other than a name ("hope", "will", "reading"). */
export function isOrdinaryWord(word: string): boolean {
  const key = word.toLowerCase();
  if (!Object.hasOwn(lexicon(), key)) return false;
  const tags = lexicon()[key] ?? [];
  return ![tags].flat().some((tag) => nameTags.has(tag));
}
