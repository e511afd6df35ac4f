// Matching that ignores accents and curly apostrophes ("Zoë" matches "Zoe", "O’Connor" matches
// "O'Connor") while keeping every character where it was, so a match in the folded text is a match
// at the same offsets in the original.

const foldChar = (ch: string): string => {
  if (ch === '’' || ch === '‘') return "'";
  const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
  return base.length === 1 ? base : ch;
};

export const fold = (text: string): string => text.replace(/[\u0080-\uffff]/g, foldChar);

/**
 * Replaces each match of `pattern` (a global regex, matched against the folded text) in the original
 * text; `replace` gets the original characters (and where they are) and returns them unchanged to
 * decline the match.
 */
export function replaceFolded(
  text: string,
  pattern: RegExp,
  replace: (original: string, index: number) => string,
): string {
  let out = '';
  let from = 0;
  for (const m of fold(text).matchAll(pattern)) {
    out += text.slice(from, m.index) + replace(text.slice(m.index, m.index + m[0].length), m.index);
    from = m.index + m[0].length;
  }
  return out + text.slice(from);
}

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
