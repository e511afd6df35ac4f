import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/features/digest/redact.js';
import { emptyDenyList, type DenyList } from '../../../src/features/digest/schema.js';

const denyList: DenyList = {
  names: ['Priya Kowalski', 'Hope Brennan', 'Zoë O’Connor-Smith'],
  handles: ['@priya.k', 'dan_o'],
  caseCodes: ['MS-0042', 'WM-17'],
  places: ['Ashcombe', 'Reading'],
  organisations: ['Kestrel Boxing Club'],
};
const r = (text: string, list: DenyList = denyList) => redact(text, { denyList: list }).text;

describe('deny-list', () => {
  it('removes full names, their parts, handles, case codes, places and organisations, in any case', () => {
    expect(r('Priya Kowalski met KOWALSKI and priya at Kestrel Boxing Club in ashcombe about ms-0042 and WM-17.')).toBe(
      '[name] met [name] and [name] at [organisation] in [place] about [case] and [case].',
    );
    expect(r('Ask @priya.k or @dan_o, or dan_o.')).toBe('Ask [name] or [name], or [name].');
  });

  it('matches whole words only', () => {
    const { findings } = redact('Priyanka from Ashcombeshire', {
      denyList: { ...emptyDenyList, names: ['Priya'], places: ['Ashcombe'] },
    });
    expect(findings.filter((f) => f.source === 'deny-list')).toEqual([]);
  });

  it('ignores accents and curly apostrophes, and catches the parts of a hyphenated name', () => {
    expect(r("Zoe O'Connor-Smith, Zoë, and Smith")).toBe('[name], [name], and [name]');
  });

  it('only catches an ordinary English word on the list when it is capitalised', () => {
    expect(r('Hope said there was hope. We were Reading the reading list.')).toBe(
      '[name] said there was hope. We were [place] the reading list.',
    );
  });

  it('leaves a name inside an e-mail address for the e-mail pattern', () => {
    expect(r('Write to priya.kowalski@example.org today')).toBe('Write to [email] today');
  });
});

describe('patterns', () => {
  const cases: [string, string][] = [
    ['Mail jo.b+digest@mail.example.co.uk now', 'Mail [email] now'],
    ['See https://example.org/profile/123. Then www.example.net', 'See [link]. Then [link]'],
    ['Ping <@U024BE7LH> and <@!123456789> and @someone', 'Ping [name] and [name] and [name]'],
    [
      'Call 07700 900123, 0121 496 0000, (0121) 4960000, +44 7700 900123 or +33 1 23 45 67 89.',
      'Call [phone], [phone], [phone], [phone] or [phone].',
    ],
    ['He lives near B12 9QX, ws1 3ab and M1 1AE.', 'He lives near [postcode], [postcode] and [postcode].'],
    ['At 14 Elm Road, Flat 2, 7a Canal Side Street and on Foundry Lane.', 'At [address], [address] and on [address].'],
    [
      'He is aged 17, a 17-year-old, 16 years old, 15 yo and 19 y/o; age: 20.',
      'He is aged [age], a [age], [age], [age] and [age]; age: [age].',
    ],
    [
      'Case codes like GX-9931 and bt-123; COVID-19 and 1-2-1 mentoring stay.',
      'Case codes like [case] and [case]; COVID-19 and 1-2-1 mentoring stay.',
    ],
  ];
  it.each(cases)('%s', (input, expected) => {
    expect(r(input, emptyDenyList)).toBe(expected);
  });
});

describe('dates are generalised to the week', () => {
  const cases: [string, string][] = [
    ['We met on 3 March 2026.', 'We met in the week of 2 March 2026.'],
    ['On Tuesday 3rd March 2026 he came.', 'In the week of 2 March 2026 he came.'],
    ['Since the 3rd of March 2026', 'Since the week of 2 March 2026'],
    [
      'on 03/03/2026, 2026-03-03 and 3.3.26',
      'in the week of 2 March 2026, the week of 2 March 2026 and the week of 2 March 2026',
    ],
    ['March 3rd, 2026 was hard', 'The week of 2 March 2026 was hard'],
    ['On Sunday 1 March 2026', 'In the week of 23 February 2026'],
    ['on 3 March we talked', 'in a week in March we talked'],
    ['the week of 9 March 2026 and the week of 10 March 2026', 'the week of 9 March 2026 and the week of 9 March 2026'],
    ['you may 3 times; in March 2026; 31 February 2026', 'you may 3 times; in March 2026; 31 February 2026'],
  ];
  it.each(cases)('%s', (input, expected) => {
    expect(r(input, emptyDenyList)).toBe(expected);
  });
});

describe('named-entity pass', () => {
  it('removes people and places the deny-list does not know, keeping honorifics and possessives', () => {
    expect(r('Tom said his brother Kieran was in Walsall with Mrs Okafor.', emptyDenyList)).toBe(
      '[name] said his brother [name] was in [place] with Mrs [name].',
    );
    expect(r("We met in Tipton near Marcus Thornbury's flat.", emptyDenyList)).toBe(
      "We met in [place] near [name]'s flat.",
    );
  });

  it('leaves ordinary capitalised words alone', () => {
    const text =
      'The Prevent referral and the Channel panel were discussed with the Home Office and the NHS in January.';
    expect(r(text, emptyDenyList)).toBe(text);
  });
});

describe('offensive terms', () => {
  it('are masked, plurals included, as whole words only', () => {
    expect(
      r('He called them pakis and wogs; he went out for a fag; Pakistan is where his gran lives.', emptyDenyList),
    ).toBe(
      'He called them [offensive term] and [offensive term]; he went out for a fag; [place] is where his gran lives.',
    );
  });
});

describe('findings', () => {
  it('carry kinds, sources and counts, never the removed text', () => {
    const input = 'Priya Kowalski (MS-0042) rang 07700 900123 on 3 March 2026 about Jamal Rahman from Tipton.';
    const { findings } = redact(input, { denyList });
    expect(findings).toEqual([
      { kind: 'name', source: 'deny-list', count: 1 },
      { kind: 'case', source: 'deny-list', count: 1 },
      { kind: 'date', source: 'pattern', count: 1 },
      { kind: 'phone', source: 'pattern', count: 1 },
      { kind: 'place', source: 'entity', count: 1 },
      { kind: 'name', source: 'entity', count: 1 },
    ]);
    const serialised = JSON.stringify(findings);
    for (const secret of ['Priya', 'Kowalski', 'MS-0042', '07700', 'March', 'Jamal', 'Rahman', 'Tipton'])
      expect(serialised).not.toContain(secret);
  });

  it('are empty when nothing is removed, and placeholders are left as they are', () => {
    expect(
      redact('[name] from [place] is doing well.', {
        denyList: { ...emptyDenyList, names: ['Name'], places: ['Place'] },
      }),
    ).toEqual({ text: '[name] from [place] is doing well.', findings: [] });
  });
});
