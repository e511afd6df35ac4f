// Dates are generalised to the week they fall in, in words, so a digest can still say when
// something happened without pinning a session to a day:
//   "on 3 March 2026", "Tuesday 3rd March 2026", "03/03/2026", "2026-03-03"
//     -> "in the week of 2 March 2026" (weeks start on Monday; "on" becomes "in")
//   "on 3 March", "March 3rd" (no year, so no Monday can be named) -> "in a week in March"
// Numeric dates are read day first (UK). "the week of <a Monday>" is left as it is, so a second run
// changes nothing. Month and weekday names must start with a capital letter ("you may 3 times").

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const month = String.raw`(?<![\p{L}])(?<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const prefix = String.raw`(?:(?<on>\b[Oo]n)\s+|(?<weekOf>\b[Tt]he\s+week\s+of)\s+)?`;
const weekday = String.raw`(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?(?:the\s+)?`;
const dayNumber = String.raw`(?<![\p{N}])(?<day>\d{1,2})`;
const day = `${dayNumber}(?:st|nd|rd|th)?`;
const year = String.raw`(?<year>\d{4})(?![\p{N}])`;
const noYearAfter = String.raw`(?!\.?,?\s+\d)(?![\p{L}\p{N}])`;

const forms: RegExp[] = [
  `${prefix}${weekday}${day}(?:\\s+of)?\\s+${month},?\\s+${year}`,
  `${prefix}${weekday}${month}\\s+${day},?\\s+${year}`,
  String.raw`${prefix}${weekday}(?<![\p{N}])(?<year>\d{4})-(?<mm>\d{1,2})-(?<day>\d{1,2})(?![\p{N}])`,
  String.raw`${prefix}${weekday}${dayNumber}(?<sep>[/.-])(?<mm>\d{1,2})\k<sep>(?<year>\d{4}|\d{2})(?![\p{N}])`,
  `${prefix}${weekday}${day}(?:\\s+of)?\\s+${month}${noYearAfter}`,
  `${prefix}${weekday}${month}\\s+${day}${noYearAfter}`,
].map((source) => new RegExp(source, 'gu'));

const monthNumber = (name: string): number => monthNames.findIndex((m) => m.startsWith(name.slice(0, 3))) + 1;

/** The Monday of the week containing a valid date, or undefined for a date that does not exist. */
function mondayOf(y: number, m: number, d: number): Date | undefined {
  if (m < 1 || m > 12 || d < 1) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  if (date.getUTCMonth() !== m - 1) return undefined;
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date;
}

const weekPhrase = (monday: Date): string =>
  `the week of ${monday.getUTCDate()} ${monthNames[monday.getUTCMonth()]} ${monday.getUTCFullYear()}`;

function generalise(match: string, groups: Record<string, string | undefined>): string {
  const m = groups.month ? monthNumber(groups.month) : Number(groups.mm);
  const d = Number(groups.day);
  let phrase: string;
  if (groups.year) {
    const y = groups.year.length === 2 ? 2000 + Number(groups.year) : Number(groups.year);
    const monday = mondayOf(y, m, d);
    if (!monday) return match;
    phrase = weekPhrase(monday);
    if (groups.weekOf && match.toLowerCase() === phrase.toLowerCase()) return match;
  } else {
    if (!mondayOf(2000, m, d)) return match;
    phrase = `a week in ${monthNames[m - 1]}`;
  }
  const out = groups.on ? `in ${phrase}` : phrase;
  return /^\p{Lu}/u.test(match) ? out[0]!.toUpperCase() + out.slice(1) : out;
}

export function generaliseDates(text: string, note: () => void): string {
  let out = text;
  for (const form of forms) {
    out = out.replace(form, (match: string, ...rest: unknown[]) => {
      const groups = rest.at(-1) as Record<string, string | undefined>;
      const replaced = generalise(match, groups);
      if (replaced !== match) note();
      return replaced;
    });
  }
  return out;
}
