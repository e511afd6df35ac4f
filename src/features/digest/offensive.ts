// Step 4: offensive terms (slurs a client may have used, quoted in a contribution) are masked as
// "[offensive term]". The list is data, in offensive-terms.json, kept short and maintained by the
// network: whole words, any case, with a plural "s"/"es"; spelled-out evasions ("n1gger") are not
// caught, which is one more reason a coordinator reads every item.
import { escapeRegExp, replaceFolded } from './fold.js';
import offensiveTerms from './offensive-terms.json' with { type: 'json' };
import { placeholder } from './placeholders.js';

const pattern = new RegExp(
  String.raw`(?<![\p{L}\p{N}_])(?:${[...offensiveTerms.terms]
    .sort((a, b) => b.length - a.length)
    .map((t) => escapeRegExp(t).replace(/ /g, '\\s+'))
    .join('|')})(?:e?s)?(?![\p{L}\p{N}_])`,
  'giu',
);

export function maskOffensiveTerms(text: string, note: () => void): string {
  return replaceFolded(text, pattern, () => {
    note();
    return placeholder('offensive');
  });
}
