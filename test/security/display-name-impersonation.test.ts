// Security review (issue 16): display-name impersonation. A name with bidirectional controls or
// zero-width characters can look like another member's ("Cora" and "Cora\u200B", or text reversed
// with U+202E). Typed names are normalised (NFKC) and refused with such characters; names taken from
// the platform at first contact are cleaned the same way and numbered when an active member has them.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformUser } from '../../src/core/actor.js';
import {
  checkTypedName,
  cleanImportedName,
  disambiguate,
  DISPLAY_NAME_MAX,
  nameKey,
} from '../../src/core/display-name.js';
import { createTestContext, type TestContext } from '../helpers/deps.js';

const BIDI = [
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u061C',
];
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
const HIDDEN = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF\p{Cc}]/u;

/** Names as people and attackers write them: letters from several scripts, spaces, compatibility forms, and the hidden characters. */
const nameLike = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
      { weight: 2, arbitrary: fc.constantFrom(...BIDI, ...ZERO_WIDTH) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          ' ',
          '\u00A0',
          '\t',
          '\n',
          'Ｓａｍ',
          'ﬁ',
          'Å',
          'A\u030A',
          '①',
          '\u0000',
          '\u00AD',
          '\u3164',
          '👩‍💻',
          '❤️',
        ),
      },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('the display-name rules (core/display-name.ts)', () => {
  it('cleans any platform name into a visible, normalised, bounded name, and cleaning again changes nothing', () => {
    fc.assert(
      fc.property(nameLike, (raw) => {
        const name = cleanImportedName(raw);
        expect(name).not.toMatch(HIDDEN);
        expect(name.length).toBeGreaterThan(0);
        expect(Array.from(name).length).toBeLessThanOrEqual(DISPLAY_NAME_MAX);
        expect(name.normalize('NFKC')).toBe(name);
        expect(name).toBe(name.trim());
        expect(cleanImportedName(name)).toBe(name);
      }),
      { numRuns: 400 },
    );
  });

  it('refuses every typed name with a bidirectional control or a zero-width character, naming the problem', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        fc.constantFrom(...BIDI, ...ZERO_WIDTH),
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        (before, hidden, after) => {
          const typed = `${before}${hidden}${after}`;
          const checked = checkTypedName(typed);
          expect(checked.ok).toBe(false);
          if (!checked.ok)
            expect(checked.problem).toMatch(BIDI.some((c) => typed.includes(c)) ? /text-direction/ : /invisible/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts a typed name only in its normalised form, the same one the platform rule would give', () => {
    fc.assert(
      fc.property(nameLike, (raw) => {
        const checked = checkTypedName(raw);
        if (!checked.ok) return;
        expect(checked.name).not.toMatch(HIDDEN);
        expect(checked.name.normalize('NFKC')).toBe(checked.name);
        expect(cleanImportedName(raw)).toBe(checked.name);
      }),
      { numRuns: 400 },
    );
  });

  it('numbers a name an active member already has until it is free', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 90 }), fc.nat({ max: 5 }), (raw, already) => {
        const name = cleanImportedName(raw);
        const taken = new Set([nameKey(name)]);
        for (let i = 0; i < already; i++) taken.add(nameKey(disambiguate(name, taken)));
        const given = disambiguate(name, taken);
        expect(taken.has(nameKey(given))).toBe(false);
        expect(Array.from(given).length).toBeLessThanOrEqual(DISPLAY_NAME_MAX);
        expect(given).toMatch(new RegExp(`\\(${already + 2}\\)$`));
      }),
      { numRuns: 200 },
    );
    expect(disambiguate('Sam', new Set(['sam']))).toBe('Sam (2)');
    expect(disambiguate('Sam', new Set(['jo']))).toBe('Sam');
  });
});

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

let seq = 0;
const run = (user: PlatformUser, command: string, subcommand?: string, options: Record<string, string> = {}) =>
  t.router.dispatch({ kind: 'command', id: `dn${++seq}`, user, command, subcommand, options });
const text = (outcome: { messages: { text: string }[] }) => outcome.messages.map((m) => m.text).join('\n');
const slack = (id: string, displayName: string): PlatformUser => ({
  platform: 'slack',
  platformUserId: id,
  displayName,
});
const memberOf = (user: PlatformUser) =>
  t.deps.db.member.findFirstOrThrow({
    where: { identities: { some: { platform: user.platform, platformUserId: user.platformUserId } } },
  });
const editProfile = (user: PlatformUser, displayName: string) =>
  t.router.dispatch({
    kind: 'submit',
    id: `dnp${++seq}`,
    user,
    formId: 'profile',
    values: { displayName, timeZone: 'Europe/London', specialisms: [], region: '', languages: '' },
    context: {},
  });

describe('names in the bot', () => {
  const cora = slack('U0DNCORA', 'Cora');
  beforeAll(async () => {
    await run(cora, 'help');
    await t.deps.db.member.update({ where: { id: (await memberOf(cora)).id }, data: { roles: ['coordinator'] } });
  });

  it('cleans a name imported at first contact, and numbers it when an active member already has it', async () => {
    await run(slack('U0DNREV', '\u202Earoc\u202C Sam\u200B'), 'help');
    expect((await memberOf(slack('U0DNREV', ''))).displayName).toBe('aroc Sam');
    await run(slack('U0DNFAKE', 'Co\u200Bra'), 'help');
    expect((await memberOf(slack('U0DNFAKE', ''))).displayName).toBe('Cora (2)');
    await run(slack('U0DNWIDE', 'ＣＯＲＡ'), 'help');
    expect((await memberOf(slack('U0DNWIDE', ''))).displayName).toBe('CORA (3)');
    await run(slack('U0DNBLANK', '\u200B\u202E'), 'help');
    expect((await memberOf(slack('U0DNBLANK', ''))).displayName).toBe('Member');
    const joined = (
      await t.deps.db.member.findMany({ where: { status: { not: 'left' } }, select: { displayName: true } })
    ).map((m) => nameKey(m.displayName));
    expect(new Set(joined).size).toBe(joined.length);
  });

  it('refuses a typed /profile name with hidden characters, naming the problem, and stores the normalised form', async () => {
    const kit = slack('U0DNKIT', 'Kit');
    await run(kit, 'help');
    await editProfile(kit, 'Kit'); // as first contact named Kit, whichever test ran before
    const reversed = await editProfile(kit, 'Kit\u202E');
    expect(reversed.errors?.displayName).toContain('text-direction');
    const zeroWidth = await editProfile(kit, 'K\u200Dit');
    expect(zeroWidth.errors?.displayName).toContain('invisible');
    expect((await memberOf(kit)).displayName).toBe('Kit');
    expect(text(await editProfile(kit, 'Ｋｉｔ  Ｒ'))).toContain('saved');
    expect((await memberOf(kit)).displayName).toBe('Kit R');
  });

  it('refuses a typed name another active member already goes by', async () => {
    const kit = slack('U0DNKIT', 'Kit');
    await run(kit, 'help');
    await editProfile(kit, 'Kit R'); // Kit goes by Kit R, as after the test above
    expect(text(await editProfile(kit, 'cora'))).toContain('Another member is already called "cora"');
    expect((await memberOf(kit)).displayName).toBe('Kit R');
    expect(text(await editProfile(kit, 'Kit R'))).toContain('saved');
  });

  it('refuses /network add with a name that hides characters or copies a member, and adds nobody', async () => {
    const before = await t.deps.db.member.count();
    expect(text(await run(cora, 'network', 'add', { user: 'U0DNNEW', name: 'Dev\u2066' }))).toContain('text-direction');
    expect(text(await run(cora, 'network', 'add', { user: 'U0DNNEW', name: 'De\uFEFFv' }))).toContain('invisible');
    expect(text(await run(cora, 'network', 'add', { user: 'U0DNNEW', name: 'Cora' }))).toContain(
      'Another member is already called',
    );
    expect(await t.deps.db.member.count()).toBe(before);
    expect(text(await run(cora, 'network', 'add', { user: 'U0DNNEW', name: 'Ｄｅｖ' }))).toContain(
      'Dev is now a member',
    );
    expect((await memberOf(slack('U0DNNEW', ''))).displayName).toBe('Dev');
  });
});
