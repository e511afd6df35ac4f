// The Discord surface's gateway side end to end: resuming after a dropped connection, commands
// with subcommands and options, buttons, and what is refused (unknown command, no permission,
// malformed options, another server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember } from '../../../src/core/identity.js';
import { startTestApp } from '../../helpers/app.js';
import {
  buttonsOf,
  inputsOf,
  messageOf,
  modalOf,
  startDiscordBot,
  type DiscordBot,
} from '../../helpers/discord-bot.js';
import { discordUser, modalSubmission, selectChoice, slashCommand } from '../../helpers/discord-payloads.js';

const GUILD = '200000000000000001';
let bot: DiscordBot;

beforeAll(async () => {
  bot = await startDiscordBot({ DISCORD_GUILD_ID: GUILD });
});

afterAll(() => bot?.close());

describe('Discord gateway', () => {
  it('resumes after the gateway drops the connection and handles the next interaction', async () => {
    const mentor = discordUser('hana');
    expect(bot.app.surfaces[0]!.connected()).toBe(true);
    const resumesBefore = bot.fake.resumes;
    await bot.fake.dropConnection();
    await bot.fake.waitFor(() => bot.fake.resumes === resumesBefore + 1, 'a RESUME');
    expect(bot.fake.identifies).toBe(1);
    const help = messageOf(await bot.run(mentor, 'help'));
    expect(help.content).toContain('how the bot can help');
    expect(help.embeds[0].fields.map((f: any) => f.name)).toContain('/debrief');
    expect(bot.app.surfaces[0]!.connected()).toBe(true);
  });

  it('replays an interaction sent while the connection was down, once', async () => {
    const mentor = discordUser('ira');
    const resumesBefore = bot.fake.resumes;
    await bot.fake.dropConnection();
    const payload = slashCommand(mentor, bot.where, 'profile', { subcommand: 'show' });
    const shown = bot.fake.interact(payload);
    await bot.fake.waitFor(() => bot.fake.resumes === resumesBefore + 1, 'a second RESUME');
    expect(messageOf(await shown).content).toContain('Your profile');
    expect(bot.fake.callbacks.get(payload.id)).toHaveLength(1);
  });

  it('runs a subcommand and a button a feature declared, opening a modal from the button', async () => {
    const member = discordUser('jude');
    const profile = messageOf(await bot.run(member, 'profile', { subcommand: 'show' }));
    const edit = buttonsOf(profile).find((b) => b.label === 'Edit profile')!;
    expect(edit.custom_id).toBe('a:profile.edit:');
    const modal = modalOf(await bot.click(member, edit.custom_id));
    expect(modal.title).toBe('Your profile');
    expect(inputsOf(modal).timeZone.value).toBe('Europe/London');
    expect(inputsOf(modal).specialisms).toMatchObject({ type: 3, min_values: 0, max_values: 9 });
    const saved = messageOf(
      await bot.submit(member, modal, {
        displayName: 'Jude',
        timeZone: 'America/New_York',
        specialisms: ['gang_exit', 'youth'],
        region: '',
        languages: 'English',
      }),
    );
    expect(saved.content).toContain('Your profile is saved');
    const row = await bot.app.deps.db.member.findFirst({
      where: { identities: { some: { platformUserId: member.id } } },
    });
    expect(row).toMatchObject({ displayName: 'Jude', timeZone: 'America/New_York' });
  });

  it('passes typed options through, and works in a direct message', async () => {
    const member = discordUser('kit');
    const away = messageOf(
      await bot.run(member, 'away', { options: [{ name: 'until', type: 3, value: '2026-12-24' }] }, { dm: true }),
    );
    expect(away.content).toMatch(/away|back/i);
    const row = await bot.app.deps.db.member.findFirst({
      where: { identities: { some: { platformUserId: member.id } } },
    });
    expect(row?.status).toBe('away');
  });

  it('answers an unknown command kindly', async () => {
    const answer = messageOf(await bot.run(discordUser('lee'), 'teleport'));
    expect(answer.content).toContain("I don't know the command /teleport");
    expect(answer.flags).toBe(64);
  });

  it('refuses /debrief to a board member, and records the refusal', async () => {
    const board = discordUser('morgan');
    const actor = await bot.app.deps.db.$transaction((tx) =>
      createMember(tx, bot.app.deps, { platform: 'discord', platformUserId: board.id, displayName: 'Morgan' }, [
        'board',
      ]),
    );
    const answer = messageOf(await bot.run(board, 'debrief'));
    expect(answer.content).toContain('/debrief is for mentors only');
    expect(await bot.app.deps.db.formDraft.count({ where: { memberId: actor.memberId } })).toBe(0);
    expect(await bot.app.deps.db.event.count({ where: { subjectId: actor.memberId, kind: 'access.refused' } })).toBe(1);
  });

  it('refuses malformed option values with a sentence, and records nothing', async () => {
    const member = discordUser('nat');
    const tooLong = messageOf(
      await bot.run(member, 'away', { options: [{ name: 'until', type: 3, value: '2026-12-24-and-more' }] }),
    );
    expect(tooLong.content).toContain('until can be at most 10 characters');
    const missing = messageOf(await bot.run(member, 'away'));
    expect(missing.content).toContain('please give until');
    const coordinator = discordUser('opal');
    await bot.app.deps.db.$transaction((tx) =>
      createMember(tx, bot.app.deps, { platform: 'discord', platformUserId: coordinator.id, displayName: 'Opal' }, [
        'coordinator',
      ]),
    );
    const role = [
      { name: 'member', type: 3, value: 'nat' },
      { name: 'role', type: 3, value: 'overlord' },
    ];
    const wrongChoice = messageOf(await bot.run(coordinator, 'network', { subcommand: 'role', options: role }));
    expect(wrongChoice.content).toContain('role should be one of mentor');
    const unreadable = messageOf(
      await bot.run(member, 'away', { options: [{ name: 'until', type: 3, value: { nested: true } }] }),
    );
    expect(unreadable.content).toContain('could not read that request');
    const row = await bot.app.deps.db.member.findFirst({
      where: { identities: { some: { platformUserId: member.id } } },
    });
    expect(row?.status).toBe('active');
  });

  it('keeps the answers of a refused form so they can be corrected and sent again', async () => {
    const coordinator = discordUser('quill');
    await bot.app.deps.db.$transaction((tx) =>
      createMember(tx, bot.app.deps, { platform: 'discord', platformUserId: coordinator.id, displayName: 'Quill' }, [
        'coordinator',
      ]),
    );
    const first = modalOf(await bot.run(coordinator, 'network', { subcommand: 'settings' }));
    expect(first.title).toBe('Network settings (1 of 2)');
    const hours = {
      clientTerm: 'mentee',
      networkTimeZone: 'Europe/London',
      workingStart: '18:00',
      workingEnd: '09:00',
      membership: 'open',
    };
    const kept = messageOf(await bot.submit(coordinator, first, hours));
    const second = modalOf(await bot.click(coordinator, buttonsOf(kept)[0]!.custom_id));
    const send = modalSubmission(coordinator, bot.where, second, { discordCoordinators: '400000000000000004' });
    expect(messageOf(await bot.fake.interact(send)).content).toContain('The working day should end after it starts.');
    const [review] = await bot.fake.waitFor(
      () => bot.fake.followUps(send.token).length > 0 && bot.fake.followUps(send.token),
      'the offer to send again',
    );
    const [button] = buttonsOf(review);
    expect(button!.label).toBe('Review and send (1 of 2)');
    const reopened = modalOf(await bot.click(coordinator, button!.custom_id));
    expect(inputsOf(reopened).workingStart.value).toBe('18:00');
    const fixed = messageOf(
      await bot.submit(coordinator, reopened, { ...hours, workingStart: '09:00', workingEnd: '18:00' }),
    );
    const last = modalOf(await bot.click(coordinator, buttonsOf(fixed)[0]!.custom_id));
    expect(inputsOf(last).discordCoordinators.value).toBe('400000000000000004');
    expect(
      messageOf(await bot.submit(coordinator, last, { discordCoordinators: '400000000000000004' })).content,
    ).toContain('Network settings saved');
  });

  it('turns away interactions from another server and stale components', async () => {
    const member = discordUser('oak');
    const elsewhere = messageOf(await bot.run(member, 'help', undefined, { guildId: '299999999999999999' }));
    expect(elsewhere.content).toContain('one Discord server only');
    expect(messageOf(await bot.click(member, 'x:unknown')).content).toContain('no longer active');
    expect(
      messageOf(await bot.fake.interact(selectChoice(member, bot.where, 'a:no.such.action:', ['one']))).content,
    ).toContain('no longer active');
  });

  it('refuses to start with a token Discord does not accept', async () => {
    const env = {
      SURFACES: 'discord',
      DISCORD_TOKEN: 'not-the-token',
      DISCORD_APPLICATION_ID: bot.fake.applicationId,
      DISCORD_API_URL: bot.fake.url,
    };
    await expect(startTestApp(env)).rejects.toThrow(/token/i);
  });
});
