// Display names as other members read them. A name is normalised (NFKC, one space between words)
// and may carry no character that hides or reorders what is shown: bidirectional controls can make
// "Sam" display as another name, zero-width characters make two names that look the same differ.
// A typed name with one is refused, naming the problem; a name taken from the platform at first
// contact has them removed instead, and gets a number when an active member already has it.

/** Bidirectional embedding, override and isolate controls, and the directional marks. */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
/** Zero-width space, non-joiner and joiner, word joiner, and the byte order mark. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/u;
/** Other control characters and line or paragraph separators: a name is one line. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
/**
 * Other characters that display as nothing (soft hyphen, Hangul fillers, tags, ...): Unicode's
 * default-ignorable characters, except the variation selectors that choose how an emoji looks.
 */
const INVISIBLE = /(?![\uFE00-\uFE0F])\p{Default_Ignorable_Code_Point}/u;
/** Unpaired surrogates cannot be shown or stored as text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const everywhere = (pattern: RegExp) => new RegExp(pattern.source, `${pattern.flags}g`);
const HIDDEN = [BIDI, ZERO_WIDTH, INVISIBLE].map(everywhere);
const CONTROLS = [LONE_SURROGATE, CONTROL].map(everywhere);

/** Removes hidden characters, and turns control characters into spaces. */
const strip = (text: string) =>
  CONTROLS.reduce(
    (t, p) => t.replace(p, ' '),
    HIDDEN.reduce((t, p) => t.replace(p, ''), text),
  );

export const DISPLAY_NAME_MAX = 80;

export type NameCheck = { ok: true; name: string } | { ok: false; problem: string };

/** NFKC, every run of white space as one space, no space at either end. */
function tidy(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** At most `max` characters (code points, so no emoji is cut in half), tidied again after the cut. */
function cut(text: string, max: number): string {
  let result = text;
  // A cut can leave a combining mark's base behind, or white space at the end: tidy until it holds.
  for (let i = 0; i < 4; i++) {
    const points = Array.from(result);
    if (points.length <= max) break;
    result = tidy(points.slice(0, max).join(''));
  }
  return result;
}

/** A name typed by a member or a coordinator: the normalised name, or the problem with it. */
export function checkTypedName(raw: string): NameCheck {
  if (BIDI.test(raw)) {
    return {
      ok: false,
      problem:
        'That name contains hidden text-direction characters, which can make a name look like someone else’s. Please type it again without them.',
    };
  }
  if (ZERO_WIDTH.test(raw)) {
    return {
      ok: false,
      problem:
        'That name contains invisible (zero-width) characters, which can make two names look the same. Please type it again without them.',
    };
  }
  if (INVISIBLE.test(raw)) {
    return {
      ok: false,
      problem:
        'That name contains invisible characters (such as a soft hyphen or a blank filler), which can make two names look the same. Please type it again without them.',
    };
  }
  if (CONTROL.test(raw) || LONE_SURROGATE.test(raw)) {
    return {
      ok: false,
      problem: 'That name contains control characters or line breaks. Please type it on one line, as plain text.',
    };
  }
  const name = tidy(raw);
  // NFKC could in principle produce one of the characters checked above: check what is stored.
  if (strip(name) !== name) {
    return {
      ok: false,
      problem: 'That name contains characters that cannot be shown safely. Please type it again as plain text.',
    };
  }
  if (!name) return { ok: false, problem: 'Please give a name: it cannot be empty or only spaces.' };
  if (Array.from(name).length > DISPLAY_NAME_MAX)
    return { ok: false, problem: `That name is too long: ${DISPLAY_NAME_MAX} characters at most.` };
  return { ok: true, name };
}

/** A name taken from the platform: hidden characters removed, normalised, never empty. */
export function cleanImportedName(raw: string, fallback = 'Member'): string {
  let name = cut(tidy(strip(raw)), DISPLAY_NAME_MAX);
  // Normalising can (rarely) bring back a removed character; remove again until nothing changes.
  for (let i = 0; i < 4; i++) {
    const again = cut(tidy(strip(name)), DISPLAY_NAME_MAX);
    if (again === name) break;
    name = again;
  }
  return name || fallback;
}

/** How names are compared: two names with the same key look the same to readers. */
export const nameKey = (name: string): string => tidy(name).toLowerCase();

/**
 * The name itself when no active member has it, else the first free "name (2)", "name (3)", ...
 * `taken` holds the keys (nameKey) of the active members' names.
 */
export function disambiguate(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(nameKey(name))) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${cut(name, DISPLAY_NAME_MAX - suffix.length)}${suffix}`;
    if (!taken.has(nameKey(candidate))) return candidate;
  }
}
