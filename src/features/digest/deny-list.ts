// Step 1: the deny-list. Every member's name and handle, every case code, and the configured local
// places and organisations, matched case-insensitively as whole words (accents and curly apostrophes
// ignored). A member's full name is listed with each of its parts, so "Priya" alone is caught too.
// One exception keeps ordinary writing readable: a single word that is ordinary English ("Hope",
// "Will", "Reading") only matches when it starts with a capital letter.
import { isOrdinaryWord } from './english.js';
import { escapeRegExp, fold, replaceFolded } from './fold.js';
import { emailPattern, linkPattern } from './patterns.js';
import type { PlaceholderKind } from './placeholders.js';
import { placeholder } from './placeholders.js';
import type { DenyList } from './schema.js';

interface Entry {
  term: string;
  kind: PlaceholderKind;
  capitalisedOnly: boolean;
}

export interface CompiledDenyList {
  pattern: RegExp | undefined;
  entries: Map<string, Entry>;
}

const wordChar = '[\\p{L}\\p{N}_@]';

function entriesOf(list: DenyList): Entry[] {
  const entries: Entry[] = [];
  const add = (raw: string, kind: PlaceholderKind) => {
    const term = raw.trim().replace(/\s+/g, ' ');
    if (term.length < 2) return;
    entries.push({ term, kind, capitalisedOnly: /^[\p{L}]+$/u.test(term) && isOrdinaryWord(term) });
  };
  for (const name of list.names) {
    add(name, 'name');
    const parts = name.trim().split(/\s+/);
    for (const part of parts) {
      if (parts.length > 1) add(part, 'name');
      if (part.includes('-')) for (const piece of part.split('-')) add(piece, 'name');
    }
  }
  for (const handle of list.handles) {
    const bare = handle.trim().replace(/^@/, '');
    add(`@${bare}`, 'name');
    add(bare, 'name');
  }
  for (const code of list.caseCodes) add(code, 'case');
  for (const place of list.places) add(place, 'place');
  for (const organisation of list.organisations) add(organisation, 'organisation');
  return entries;
}

export function compileDenyList(list: DenyList): CompiledDenyList {
  const entries = new Map<string, Entry>();
  for (const entry of entriesOf(list)) {
    const key = fold(entry.term).toLowerCase();
    const known = entries.get(key);
    // A term listed both as a name part and as something else keeps the stricter reading.
    if (!known || (known.capitalisedOnly && !entry.capitalisedOnly)) entries.set(key, entry);
  }
  if (entries.size === 0) return { pattern: undefined, entries };
  // Longest first, so "Priya Kowalski" wins over "Priya" at the same place.
  const alternatives = [...entries.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => escapeRegExp(k).replace(/ /g, '\\s+'));
  const pattern = new RegExp(`(?<!${wordChar})(?:${alternatives.join('|')})(?!${wordChar})`, 'giu');
  return { pattern, entries };
}

/** A name inside an e-mail address or a link is left for the pattern that removes the whole of it. */
function insideAddress(text: string, index: number): boolean {
  const start = text.slice(0, index).search(/[^\s<>()[\]"',;]*$/);
  const end = index + text.slice(index).search(/[\s<>()[\]"',;]|$/);
  const token = text.slice(start, end);
  return [emailPattern, linkPattern].some((p) =>
    [...token.matchAll(p)].some((m) => m.index <= index - start && index - start < m.index + m[0].length),
  );
}

export function applyDenyList(text: string, compiled: CompiledDenyList, note: (kind: PlaceholderKind) => void): string {
  const { pattern } = compiled;
  if (!pattern) return text;
  return replaceFolded(text, pattern, (original, index) => {
    const entry = compiled.entries.get(fold(original).toLowerCase().replace(/\s+/g, ' '));
    if (!entry || (entry.capitalisedOnly && !/^\p{Lu}/u.test(original)) || insideAddress(text, index)) return original;
    note(entry.kind);
    return placeholder(entry.kind);
  });
}
