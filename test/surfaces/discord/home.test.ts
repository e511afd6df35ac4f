// /home on Discord end to end (the real discord.js client against the fake Discord): the same
// sections as Slack's App Home, privately, with working buttons; and the one-time time-zone question
// that rides along with a member's first answer there.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformUser } from '../../../src/core/actor.js';
import {
  buttonsOf,
  inputsOf,
  messageOf,
  modalOf,
  startDiscordBot,
  type DiscordBot,
} from '../../helpers/discord-bot.js';
import { discordUser, modalSubmission, slashCommand, type TestUser } from '../../helpers/discord-payloads.js';

const coordinator = discordUser('robin');
const mentor = discordUser('kit');
let bot: DiscordBot;

beforeAll(async () => {
  bot = await startDiscordBot({ ADMINS: `discord:${coordinator.id}` });
});

afterAll(() => bot?.close());

const asPlatformUser = (user: TestUser): PlatformUser => ({
  platform: 'discord',
  platformUserId: user.id,
  displayName: user.globalName ?? user.username,
});

/** Runs /home and returns every message shown for it (the answer, then its follow-ups), once `count` are in. */
let lastToken = '';
async function home(user: TestUser, count: number): Promise<any[]> {
  const payload = slashCommand(user, bot.where, 'home');
  lastToken = payload.token;
  const first = messageOf(await bot.fake.interact(payload));
  const more = await bot.fake.waitFor(
    () => bot.fake.followUps(payload.token).length >= count - 1 && bot.fake.followUps(payload.token),
    `${count} messages for /home`,
  );
  return [first, ...more];
}

const titles = (messages: { title?: string }[]) => messages.map((m) => m.title).filter(Boolean);
const shownTitle = (message: any) => /^[^*]*\*\*(.+?)\*\*/.exec(message.content)?.[1];
const findShown = (messages: any[], title: string) => messages.find((m) => shownTitle(m) === title);
const member = (user: TestUser) =>
  bot.app.deps.db.member.findFirstOrThrow({
    where: { identities: { some: { platform: 'discord', platformUserId: user.id } } },
  });

/** A member's first /home: every section, then the time-zone question, which is returned. */
async function firstHome(user: TestUser): Promise<any> {
  const expected = titles(await bot.app.router.home(asPlatformUser(user)));
  const all = await home(user, expected.length + 2);
  expect(all.map(shownTitle)).toEqual(['Mentor Support Network: your home', ...expected, 'Your time zone']);
  return all.at(-1);
}

describe('/home on Discord', () => {
  it("shows a mentor the sections of Slack's App Home, privately, with the time-zone question after them", async () => {
    const expected = titles(await bot.app.router.home(asPlatformUser(mentor)));
    expect(expected.length).toBeGreaterThan(0);
    const all = await home(mentor, expected.length + 2);
    expect(all.map(shownTitle)).toEqual(['Mentor Support Network: your home', ...expected, 'Your time zone']);
    expect(all.at(-1).content).toContain('the network’s time zone, Europe/London');
    expect([...bot.fake.callbacks.values()].at(-1)![0]!.data.flags).toBe(64);
  });

  it('shows a coordinator their sections, and the Reached out button on it closes the welfare follow-up', async () => {
    // Kit may not have used the bot yet (tests run in any order): joining is enough here.
    await bot.app.router.home(asPlatformUser(mentor));
    const kit = await member(mentor);
    const followUp = await bot.app.deps.db.welfareFollowUp.create({
      data: { id: randomUUID(), memberId: kit.id, rule: 'struggling', createdAt: bot.app.clock.now() },
    });
    const expected = titles(await bot.app.router.home(asPlatformUser(coordinator)));
    expect(expected).toContain('Welfare (last 4 weeks)');
    const all = await home(coordinator, expected.length + 2);
    expect(all.map(shownTitle)).toEqual(['Mentor Support Network: your home', ...expected, 'Your time zone']);
    const button = buttonsOf(findShown(all, 'Welfare (last 4 weeks)')).find((b) => b.label === 'Reached out: Kit')!;
    expect(button.custom_id).toBe(`a:welfare.followup.close:${followUp.id}:reached_out`);
    expect(messageOf(await bot.click(coordinator, button.custom_id)).content).toContain(
      'Thank you for reaching out to Kit.',
    );
    expect(await bot.app.deps.db.welfareFollowUp.findUniqueOrThrow({ where: { id: followUp.id } })).toMatchObject({
      status: 'closed',
      closure: 'reached_out',
    });
  });
});

describe('the time-zone question on Discord', () => {
  it('is asked once: a later answer comes without it, and keeping the zone is stored', async () => {
    const lee = discordUser('lee');
    const ask = await firstHome(lee);
    const expected = titles(await bot.app.router.home(asPlatformUser(lee)));
    const shown = await home(lee, expected.length + 1);
    // The question would come last, right after the sections: give it the time it would take.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(shown.map(shownTitle)).toEqual(['Mentor Support Network: your home', ...expected]);
    expect(bot.fake.followUps(lastToken)).toHaveLength(expected.length);
    const keep = buttonsOf(ask).find((b) => b.label === 'Keep Europe/London')!;
    expect(messageOf(await bot.click(lee, keep.custom_id)).content).toContain('Your time zone is Europe/London.');
    expect(await member(lee)).toMatchObject({ timeZone: 'Europe/London', timeZoneSetAt: bot.app.clock.now() });
  });

  it('takes another zone typed under Other, checked, and keeps it on the member', async () => {
    const robin = discordUser('robin');
    const choose = buttonsOf(await firstHome(robin)).find((b) => b.label === 'Choose another')!;
    const modal = modalOf(await bot.click(robin, choose.custom_id));
    expect(Object.keys(inputsOf(modal))).toEqual(['zone', 'other']);
    const wrong = messageOf(
      await bot.fake.interact(modalSubmission(robin, bot.where, modal, { zone: 'other', other: 'Mars/Olympus' })),
    );
    expect(wrong.content).toContain('Time zone should be a place name');
    expect((await member(robin)).timeZoneSetAt).toBeNull();
    const again = modalOf(await bot.click(robin, choose.custom_id));
    const saved = messageOf(
      await bot.fake.interact(modalSubmission(robin, bot.where, again, { zone: 'other', other: 'America/Toronto' })),
    );
    expect(saved.content).toContain('Your time zone is America/Toronto.');
    expect(await member(robin)).toMatchObject({ timeZone: 'America/Toronto', timeZoneSetAt: bot.app.clock.now() });
  });

  it('asks a newcomer alongside the answer to their first command', async () => {
    const newcomer = discordUser('sasha');
    const payload = slashCommand(newcomer, bot.where, 'help');
    expect(messageOf(await bot.fake.interact(payload)).content).toContain('how the bot can help');
    const [ask] = await bot.fake.waitFor(
      () => bot.fake.followUps(payload.token).length > 0 && bot.fake.followUps(payload.token),
      'the question',
    );
    expect(shownTitle(ask)).toBe('Your time zone');
    expect((await member(newcomer)).timeZoneAskedAt).toEqual(bot.app.clock.now());
  });
});
