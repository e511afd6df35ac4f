// A synthetic corpus of practice writing full of identifiers, generated from the invented lists in
// test/fixtures/digest, with a record of every identifier put into each sentence.
import people from '../../fixtures/digest/people.json' with { type: 'json' };
import places from '../../fixtures/digest/places.json' with { type: 'json' };
import templates from '../../fixtures/digest/templates.json' with { type: 'json' };
import type { DenyList } from '../../../src/features/digest/schema.js';

export type IdentifierKind =
  | 'member-name'
  | 'other-name'
  | 'handle'
  | 'town'
  | 'other-town'
  | 'street'
  | 'organisation'
  | 'phone'
  | 'postcode'
  | 'email'
  | 'date'
  | 'age'
  | 'case';

export interface Identifier {
  kind: IdentifierKind;
  value: string;
}

export interface Sentence {
  text: string;
  identifiers: Identifier[];
}

/** Which names go where: every name on the deny-list, or the people outside the network not on it. */
export type CorpusKind = 'deny-listed' | 'unlisted';

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
const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** mulberry32: the same corpus on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ordinal = (d: number) =>
  `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`;
const two = (n: number) => String(n).padStart(2, '0');

const members = people.members.firstNames.map((first, i) => ({ first, surname: people.members.surnames[i]! }));
export const memberHandle = (m: { first: string; surname: string }) =>
  `@${m.first.toLowerCase()}.${m.surname[0]!.toLowerCase()}`;

export function generateCorpus(
  kind: CorpusKind,
  size: number,
  seed = 11,
): { sentences: Sentence[]; denyList: DenyList } {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
  const caseCodes = Array.from({ length: 12 }, () => `${pick(['MS', 'WM', 'BT', 'DV', 'GX'])}-${digits(4)}`);
  const others = kind === 'unlisted' ? people.others : people.members;
  const towns = kind === 'unlisted' ? places.otherTowns : places.towns;

  const sentences: Sentence[] = [];
  for (let i = 0; i < size; i++) {
    const identifiers: Identifier[] = [];
    const note = (k: IdentifierKind, value: string) => {
      identifiers.push({ kind: k, value });
      return value;
    };
    const personName = () => (kind === 'unlisted' ? 'other-name' : 'member-name') as IdentifierKind;
    const member = pick(members);
    const slot: Record<string, () => string> = {
      name: () => `${note(personName(), pick(others.firstNames))} ${note(personName(), pick(others.surnames))}`,
      first: () => note(personName(), pick(others.firstNames)),
      surname: () => note(personName(), pick(others.surnames)),
      mentor: () => `${note('member-name', member.first)} ${note('member-name', member.surname)}`,
      mentorFirst: () => note('member-name', member.first),
      handle: () => note('handle', memberHandle(member)),
      town: () => note(kind === 'unlisted' ? 'other-town' : 'town', pick(towns)),
      street: () =>
        `${1 + Math.floor(rnd() * 240)}${rnd() < 0.2 ? 'a' : ''} ${note('street', `${pick(places.streetNames)} ${pick(places.streetTypes)}`)}`,
      streetName: () => note('street', `${pick(places.streetNames)} ${pick(places.streetTypes)}`),
      organisation: () => note('organisation', pick(places.organisations)),
      phone: () =>
        note(
          'phone',
          pick([
            () => `07700 900${digits(3)}`,
            () => `0121 496 0${digits(3)}`,
            () => `+44 7700 900${digits(3)}`,
            () => `(0121) 496 0${digits(3)}`,
            () => `+33 1 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`,
            () => `07700900${digits(3)}`,
          ])(),
        ),
      postcode: () =>
        note(
          'postcode',
          `${pick(['B', 'WS', 'DY', 'WV', 'CV', 'LE', 'M', 'LS'])}${1 + Math.floor(rnd() * 20)} ${digits(1)}${pick([...'ABDEFGHJLNPQRSTUWXYZ'])}${pick([...'ABDEFGHJLNPQRSTUWXYZ'])}`,
        ),
      email: () =>
        note(
          'email',
          `${member.first.toLowerCase()}.${member.surname.toLowerCase()}@${pick(['example.org', 'example.net', 'mail.example.com'])}`,
        ),
      date: () => {
        const at = new Date(Date.UTC(2025, 0, 1) + Math.floor(rnd() * 730) * 86_400_000);
        const [d, m, y, w] = [at.getUTCDate(), at.getUTCMonth(), at.getUTCFullYear(), at.getUTCDay()];
        return note(
          'date',
          pick([
            () => `${d} ${monthNames[m]} ${y}`,
            () => `${ordinal(d)} ${monthNames[m]} ${y}`,
            () => `${weekdays[w]} ${d} ${monthNames[m]} ${y}`,
            () => `${two(d)}/${two(m + 1)}/${y}`,
            () => `${y}-${two(m + 1)}-${two(d)}`,
            () => `${monthNames[m]} ${d}, ${y}`,
            () => `the ${ordinal(d)} of ${monthNames[m]} ${y}`,
            () => `${d} ${monthNames[m]}`,
          ])(),
        );
      },
      age: () => {
        const age = 14 + Math.floor(rnd() * 30);
        return note('age', pick([`aged ${age}`, `${age} years old`, `${age} yo`, `${age}-year-old`]));
      },
      case: () => note('case', pick(caseCodes)),
    };
    const template = templates.templates[i % templates.templates.length]!;
    sentences.push({ text: template.replace(/\{(\w+)\}/g, (_, name: string) => slot[name]!()), identifiers });
  }
  const denyList: DenyList = {
    names: members.map((m) => `${m.first} ${m.surname}`),
    handles: members.map(memberHandle),
    caseCodes: kind === 'deny-listed' ? caseCodes : [],
    places: kind === 'deny-listed' ? places.towns : [],
    organisations: places.organisations,
  };
  return { sentences, denyList };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const digitsOnly = (s: string) => s.replace(/\D/g, '');

/** Whether an identifier can still be read in the redacted text. */
export function survives(id: Identifier, redacted: string): boolean {
  const word = (s: string) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(s)}(?![\\p{L}\\p{N}])`, 'iu').test(redacted);
  switch (id.kind) {
    case 'phone':
      return digitsOnly(redacted).includes(digitsOnly(id.value).slice(-7));
    case 'postcode':
      return redacted.replace(/\s/g, '').toUpperCase().includes(id.value.replace(/\s/g, ''));
    case 'email':
      return redacted.includes(id.value.split('@')[0]!);
    case 'handle':
      return word(id.value.slice(1));
    case 'date': {
      // A week named by its Monday is what the pipeline leaves; anything naming the day is a leak.
      const rest = redacted.replace(/week of \d{1,2} \w+ \d{4}/g, '');
      const dayAndMonth =
        /(\d{1,2})\D*?(January|February|March|April|May|June|July|August|September|October|November|December)|(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2})/.exec(
          id.value,
        );
      return (
        rest.includes(id.value) ||
        /\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2}/.test(rest) ||
        (dayAndMonth !== null && new RegExp(`(?<!\\d)${escapeRegExp(dayAndMonth[0]!)}`).test(rest))
      );
    }
    default:
      return word(id.value);
  }
}
