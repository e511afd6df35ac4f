import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { PlatformUser } from '../../../src/core/actor.js';
import type { Inbound } from '../../../src/core/interaction.js';
import type { Button } from '../../../src/core/message.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { owedMessages } from '../../helpers/owed.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

let seq = 0;
const run = (user: PlatformUser, command: string, subcommand?: string, options: Record<string, string> = {}) =>
  t.router.dispatch({ kind: 'command', id: `m${++seq}`, user, command, subcommand, options });
const click = (user: PlatformUser, button: Button) =>
  t.router.dispatch({ kind: 'action', id: `c${++seq}`, user, actionId: button.actionId, value: button.value ?? '' });
const text = (outcome: { messages: { text: string }[] }) => outcome.messages.map((m) => m.text).join('\n');
const slack = (id: string, displayName = id): PlatformUser => ({ platform: 'slack', platformUserId: id, displayName });
const discord = (id: string, displayName = id): PlatformUser => ({
  platform: 'discord',
  platformUserId: id,
  displayName,
});
const memberOf = async (user: PlatformUser) =>
  t.deps.db.member.findFirstOrThrow({
    where: { identities: { some: { platform: user.platform, platformUserId: user.platformUserId } } },
  });

describe('linked identities', () => {
  it('links a Slack and a Discord account into one member with a one-time code, once both accounts confirm', async () => {
    const onSlack = slack('U0ALEX', 'Alex');
    const onDiscord = discord('400000000000000001', 'alex_d');
    const debrief = {
      caseCode: 'MS-0042',
      sessionDate: '2026-11-20',
      sessionWent: 'well',
      feeling: '4',
      flagConcern: 'no',
    };
    await t.router.dispatch({
      kind: 'submit',
      id: 'v-alex',
      user: onSlack,
      formId: 'debrief',
      values: debrief,
      context: {},
    });
    await run(onDiscord, 'help');
    const shown = text(await run(onSlack, 'link'));
    const code = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(shown)![1]!;
    expect(text(await run(onSlack, 'link', undefined, { code }))).toContain('Enter the code on your other platform');

    const preview = (await run(onDiscord, 'link', undefined, { code: code.toLowerCase().replace('-', ' ') }))
      .messages[0]!;
    expect(preview.text).toContain("This will join your Discord account to Alex's account (member since");
    const [confirm] = preview.buttons!;
    expect(text(await click(onDiscord, confirm!))).toContain('Alex has been sent a message on Slack to confirm');
    expect((await memberOf(onDiscord)).id).not.toBe((await memberOf(onSlack)).id);
    const alex = await memberOf(onSlack);
    const asked = (await owedMessages(t.deps)).find(
      (o) => o.recipientMemberId === alex.id && o.message.buttons?.length,
    )!;
    expect(text(await click(onSlack, asked.message.buttons![0]!))).toContain('You are Alex on slack and discord');
    expect((await memberOf(onDiscord)).id).toBe(alex.id);
    await t.router.dispatch({
      kind: 'submit',
      id: 'v-alex-d',
      user: onDiscord,
      formId: 'debrief',
      values: { ...debrief, sessionDate: '2026-11-21' },
      context: {},
    });
    expect(await t.deps.db.debrief.count({ where: { authorId: alex.id } })).toBe(2);
    expect(text(await run(onDiscord, 'link', undefined, { code }))).toContain(
      'did not match, or it has expired or been used',
    );
  });

  it('refuses expired codes and stops guessing after five misses', async () => {
    const onSlack = slack('U0BEA', 'Bea');
    const onDiscord = discord('400000000000000002', 'bea_d');
    const code = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(text(await run(onSlack, 'link')))![1]!;
    t.clock.advance(16 * 60 * 1000);
    expect(text(await run(onDiscord, 'link', undefined, { code }))).toContain('expired');
    for (let i = 0; i < 4; i++) await run(onDiscord, 'link', undefined, { code: 'AAAA-AAAA' });
    expect(text(await run(onDiscord, 'link', undefined, { code: 'BBBB-BBBB' }))).toContain('Too many codes');
  });
});

describe('profiles', () => {
  it('shows and edits one’s own profile, refusing an unknown time zone kindly', async () => {
    const kim = slack('U0KIM', 'Kim');
    const shown = await run(kim, 'profile');
    expect(shown.messages[0]?.fields?.find((f) => f.label === 'Time zone')?.value).toBe('Europe/London');
    const edit = await t.router.dispatch({
      kind: 'action',
      id: 'a-edit',
      user: kim,
      actionId: 'profile.edit',
      value: '',
    });
    expect(edit.form?.initial?.displayName).toBe('Kim');
    const values = {
      displayName: 'Kim R',
      timeZone: 'Mars/Base',
      specialisms: ['gang_exit', 'youth'],
      region: 'West Midlands',
      languages: 'English, Punjabi',
    };
    const refused = await t.router.dispatch({
      kind: 'submit',
      id: 'p1',
      user: kim,
      formId: 'profile',
      values,
      context: {},
    });
    expect(refused.errors?.timeZone).toContain('Europe/London');
    await t.router.dispatch({
      kind: 'submit',
      id: 'p2',
      user: kim,
      formId: 'profile',
      values: { ...values, timeZone: 'Europe/Copenhagen' },
      context: {},
    });
    expect(await memberOf(kim)).toMatchObject({
      displayName: 'Kim R',
      timeZone: 'Europe/Copenhagen',
      specialisms: ['gang_exit', 'youth'],
      languages: ['English', 'Punjabi'],
    });
  });

  it('chooses a supporter by name, never oneself', async () => {
    const lee = slack('U0LEE', 'Lee');
    await run(slack('U0MO', 'Mo'), 'help');
    expect(text(await run(lee, 'profile', 'supporter', { member: 'lee' }))).toContain('someone else');
    expect(text(await run(lee, 'profile', 'supporter', { member: 'mo' }))).toContain('Mo is now your chosen supporter');
    expect(text(await run(lee, 'profile', 'supporter', { member: 'Nobody Here' }))).toContain(
      'could not find an active member',
    );
  });

  it('marks a member away until a date and back again', async () => {
    const ash = slack('U0ASH', 'Ash');
    expect(text(await run(ash, 'away', undefined, { until: '2026-12-04' }))).toContain('away until 4 December 2026');
    expect(await memberOf(ash)).toMatchObject({ status: 'away', awayUntil: new Date('2026-12-05T00:00:00Z') });
    expect(text(await run(ash, 'away', undefined, { until: 'next week' }))).toContain('YYYY-MM-DD');
    expect(text(await run(ash, 'away', undefined, { until: 'back' }))).toContain('Welcome back');
  });
});

describe('administration and offboarding', () => {
  const coordinator = slack('U0COORD', 'Cora');
  beforeAll(async () => {
    await run(coordinator, 'help');
    await t.deps.db.member.update({
      where: { id: (await memberOf(coordinator)).id },
      data: { roles: ['coordinator'] },
    });
  });

  it('adds a member, grants and revokes roles, sets specialisms', async () => {
    expect(
      text(await run(coordinator, 'network', 'add', { user: '<@U0DEV|dev>', name: 'Dev', role: 'mentor' })),
    ).toContain('Dev is now a member');
    expect(text(await run(coordinator, 'network', 'add', { user: 'U0DEV', name: 'Dev again' }))).toContain(
      'already belongs to Dev',
    );
    expect(text(await run(coordinator, 'network', 'role', { member: '<@U0DEV>', role: 'peer_supervisor' }))).toContain(
      'Dev now holds: mentor, peer_supervisor',
    );
    expect(
      text(await run(coordinator, 'network', 'role', { member: 'dev', role: 'mentor', change: 'revoke' })),
    ).toContain('Dev now holds: peer_supervisor');
    expect(
      text(
        await run(coordinator, 'network', 'specialisms', {
          member: 'Dev',
          specialisms: 'domestic violence, Gang-exit',
        }),
      ),
    ).toContain('domestic_violence, gang_exit');
    expect(
      text(await run(coordinator, 'network', 'specialisms', { member: 'Dev', specialisms: 'astrology' })),
    ).toContain('Unknown specialisms: astrology');
    expect(text(await run(coordinator, 'network', 'role', { member: 'Dev', role: 'wizard' }))).toContain(
      'role should be one of',
    );
  });

  it('shows what a member holds before deactivating, then hands it on; they can run nothing after', async () => {
    const pat = slack('U0PAT', 'Pat');
    const quinn = slack('U0QUINN', 'Quinn');
    await run(pat, 'help');
    await run(quinn, 'profile', 'supporter', { member: 'Pat' });
    await run(pat, 'debrief');
    const preview = await run(coordinator, 'network', 'deactivate', { member: 'Pat' });
    expect(preview.messages[0]?.fields).toEqual([{ label: 'chosen supporter of', value: 'Quinn' }]);
    const button = preview.messages[0]!.buttons![0]!;
    expect(
      await t.router.dispatch({
        kind: 'action',
        id: 'deact-mentor',
        user: quinn,
        actionId: button.actionId,
        value: button.value!,
      }),
    ).toMatchObject({ messages: [{ text: expect.stringContaining('only') }] });
    expect(
      text(
        await t.router.dispatch({
          kind: 'action',
          id: 'deact-1',
          user: coordinator,
          actionId: button.actionId,
          value: button.value!,
        }),
      ),
    ).toContain('Pat is deactivated');
    expect(await memberOf(quinn)).toMatchObject({ supporterId: null });
    expect(text(await run(pat, 'help'))).toContain('no longer active');
    expect(text(await run(coordinator, 'network', 'list'))).toBe('Name, roles, status and linked platforms.');
    expect(
      (await run(coordinator, 'network', 'list')).messages[0]?.fields?.find((f) => f.label === 'Pat')?.value,
    ).toContain('left');
  });

  it('saves network settings, refusing a working day that ends before it starts', async () => {
    const opened = await run(coordinator, 'network', 'settings');
    // Put the settings back afterwards, so tests that meet newcomers find membership open whatever the order.
    onTestFinished(async () => {
      await t.router.dispatch({
        kind: 'submit',
        id: 's-restore',
        user: coordinator,
        formId: 'network-settings',
        values: opened.form!.initial!,
        context: {},
      });
    });
    expect(opened.form?.initial).toMatchObject({
      clientTerm: 'client',
      networkTimeZone: 'Europe/London',
      membership: 'open',
    });
    const values = {
      ...opened.form!.initial,
      clientTerm: 'mentee',
      membership: 'invite',
      slackCoordinators: 'C0COORD',
    };
    expect(
      text(
        await t.router.dispatch({
          kind: 'submit',
          id: 's0',
          user: coordinator,
          formId: 'network-settings',
          values: { ...values, workingStart: '18:00' },
          context: {},
        }),
      ),
    ).toContain('should end after it starts');
    expect(
      text(
        await t.router.dispatch({
          kind: 'submit',
          id: 's1',
          user: coordinator,
          formId: 'network-settings',
          values,
          context: {},
        }),
      ),
    ).toContain('saved');
    expect(text(await run(slack('U0STRANGER'), 'help'))).toContain('not a member of this network yet');
  });
});

describe('hostile input', () => {
  it('answers every malformed command politely without writing anything', async () => {
    const fc = await import('fast-check');
    const user = slack('U0FUZZ', 'Fuzz');
    await run(user, 'help');
    const before = await t.deps.db.member.count();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('profile', 'link', 'away', 'network'),
        fc.option(fc.string({ maxLength: 12 })),
        fc.dictionary(
          fc.constantFrom('member', 'code', 'until', 'user', 'name', 'role'),
          fc.string({ maxLength: 300 }),
        ),
        async (command, subcommand, options) => {
          const input: Inbound = {
            kind: 'command',
            id: `fuzz${++seq}`,
            user,
            command,
            subcommand: subcommand ?? undefined,
            options,
          };
          const outcome = await t.router.dispatch(input);
          expect(outcome.messages.length + (outcome.form ? 1 : 0)).toBeGreaterThan(0);
          expect(text(outcome)).not.toContain('something went wrong');
        },
      ),
      { numRuns: 60 },
    );
    expect(await t.deps.db.member.count()).toBe(before);
  });
});
