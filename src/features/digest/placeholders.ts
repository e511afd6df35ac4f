// What the anonymisation pipeline puts in place of what it removes, and how later steps (and later
// runs) leave those placeholders alone, which is what makes redact() idempotent.

export const kinds = [
  'name',
  'place',
  'organisation',
  'case',
  'email',
  'phone',
  'postcode',
  'address',
  'date',
  'age',
  'link',
  'offensive',
] as const;
export type Kind = (typeof kinds)[number];

/** Dates are generalised in words (see dates.ts), so they have no placeholder. */
export type PlaceholderKind = Exclude<Kind, 'date'>;

export const placeholder = (kind: PlaceholderKind): string => (kind === 'offensive' ? '[offensive term]' : `[${kind}]`);

const placeholderPattern = new RegExp(
  kinds
    .filter((k): k is PlaceholderKind => k !== 'date')
    .map((k) => placeholder(k).replace(/[[\]]/g, '\\$&'))
    .join('|'),
  'g',
);

/** [start, end) ranges of the placeholders already in `text`. */
export function placeholderRanges(text: string): [number, number][] {
  return [...text.matchAll(placeholderPattern)].map((m) => [m.index, m.index + m[0].length]);
}

/**
 * Applies `replace` to each stretch of text between placeholders, so that no step matches inside
 * "[name]" (a member called Case, a place called Name) and no match straddles one.
 */
export function replaceOutsidePlaceholders(text: string, replace: (segment: string) => string): string {
  let out = '';
  let from = 0;
  for (const [start, end] of placeholderRanges(text)) {
    out += replace(text.slice(from, start)) + text.slice(start, end);
    from = end;
  }
  return out + replace(text.slice(from));
}
