import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlatformUser } from '../../../src/core/actor.js';
import { scheduleCheckin } from '../../../src/features/welfare/api.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { owedMessages, runDueJobs, type Owed } from '../../helpers/owed.js';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext({ channelPlatforms: ['slack'] });
});
afterEach(() => t.close());

let seq = 0;
const slack = (id: string, displayName = id): PlatformUser => ({ platform: 'slack', platformUserId: id, displayName });
const run = (user: PlatformUser, command: string, subcommand?: string) =>
  t.router.dispatch({ kind: 'command', id: `c${++seq}`, user, command, subcommand, options: {} });
const click = (user: PlatformUser, actionId: string, value: string) =>
  t.router.dispatch({ kind: 'action', id: `a${++seq}`, user, actionId, value });
const submit = (
  user: PlatformUser,
  formId: string,
  values: Record<string, string | string[]>,
  context: Record<string, string> = {},
) => t.router.dispatch({ kind: 'submit', id: `s${++seq}`, user, formId, values, context });
const text = (outcome: { messages: { text: string }[] }) => outcome.messages.map((m) => m.text).join('\n');

/** A member by first contact, then given zone, roles and supporter directly. */
async function member(
  user: PlatformUser,
  data: { timeZone?: string; roles?: ('mentor' | 'coordinator')[]; supporter?: PlatformUser } = {},
) {
  await run(user, 'help');
  const m = await t.deps.db.member.findFirstOrThrow({
    where: { identities: { some: { platformUserId: user.platformUserId } } },
  });
  const supporter = data.supporter
    ? await t.deps.db.member.findFirstOrThrow({
        where: { identities: { some: { platformUserId: data.supporter.platformUserId } } },
      })
    : null;
  return t.deps.db.member.update({
    where: { id: m.id },
    data: {
      timeZone: data.timeZone ?? 'Europe/London',
      roles: data.roles ?? ['mentor'],
      supporterId: supporter?.id ?? null,
    },
  });
}

async function settings(
  user: PlatformUser,
  values: { days: string[]; time: string; consent?: string; paused?: string },
) {
  const outcome = await submit(user, 'checkin-settings', {
    days: values.days,
    time: values.time,
    paused: values.paused ?? 'no',
    consent: values.consent ?? 'private',
  });
  expect(outcome.errors).toBeUndefined();
  return outcome;
}

/** The owed messages so far, to compare against later. */
const mark = async () => new Set((await owedMessages(t.deps)).map((o) => o.id));
/** Owed messages written after the mark. */
const owedSince = async (before: Set<string>) => (await owedMessages(t.deps)).filter((o) => !before.has(o.id));
const checkinsTo = (owed: Owed[], memberId: string) =>
  owed.filter(
    (o) =>
      o.recipientMemberId === memberId &&
      o.message.buttons?.some((b) => b.actionId === 'checkin.answer') &&
      o.message.title === 'Check-in' &&
      /How are you doing/.test(o.message.text),
  );
const pendingSeries = (memberId: string) =>
  t.deps.db.job.findMany({ where: { series: `checkin:${memberId}`, status: 'pending' }, orderBy: { dueAt: 'asc' } });

/** Delivers the mentor's next scheduled check-in and returns its id. */
async function deliverNext(memberId: string): Promise<string> {
  const [job] = await pendingSeries(memberId);
  t.clock.set(job!.dueAt);
  await runDueJobs(t.deps);
  const checkin = await t.deps.db.checkin.findFirst({ where: { memberId, dueAt: job!.dueAt } });
  return checkin?.id ?? '';
}

describe('schedules in local time', () => {
  it('a London mentor set for Monday 09:00 gets it at 09:00 local on the Mondays either side of the October change', async () => {
    t.clock.set('2026-10-17T12:00:00Z');
    const ana = slack('U0ANA', 'Ana');
    const m = await member(ana);
    expect(text(await settings(ana, { days: ['1'], time: '09:00' }))).toContain('Monday 19 October at 09:00');
    const before = await mark();

    t.clock.set('2026-10-19T07:59:00Z');
    await runDueJobs(t.deps);
    expect(checkinsTo(await owedSince(before), m.id)).toHaveLength(0);
    t.clock.set('2026-10-19T08:00:00Z'); // 09:00 BST
    await runDueJobs(t.deps);
    const first = checkinsTo(await owedSince(before), m.id);
    expect(first.map((o) => o.createdAt.toISOString())).toEqual(['2026-10-19T08:00:00.000Z']);

    t.clock.set('2026-10-26T08:00:00Z'); // 08:00 GMT: not yet
    await runDueJobs(t.deps);
    expect(checkinsTo(await owedSince(before), m.id)).toHaveLength(1);
    t.clock.set('2026-10-26T09:00:00Z'); // 09:00 GMT
    await runDueJobs(t.deps);
    expect(checkinsTo(await owedSince(before), m.id).map((o) => o.createdAt.toISOString())).toEqual([
      '2026-10-19T08:00:00.000Z',
      '2026-10-26T09:00:00.000Z',
    ]);
  });

  it('New York and Copenhagen mentors each get theirs at local time in the weeks when US and EU offsets differ', async () => {
    t.clock.set('2026-03-01T12:00:00Z');
    const ny = slack('U0NY', 'Noor');
    const cph = slack('U0CPH', 'Mads');
    const n = await member(ny, { timeZone: 'America/New_York' });
    const c = await member(cph, { timeZone: 'Europe/Copenhagen' });
    await settings(ny, { days: ['1'], time: '09:00' });
    await settings(cph, { days: ['1'], time: '09:00' });
    // Step through both mentors' check-ins in time order, for five weeks.
    for (let i = 0; i < 10; i++) {
      const [job] = await t.deps.db.job.findMany({
        where: { kind: 'welfare.checkin', status: 'pending' },
        orderBy: { dueAt: 'asc' },
        take: 1,
      });
      t.clock.set(job!.dueAt);
      await runDueJobs(t.deps);
    }
    const delivered = async (memberId: string) =>
      (await t.deps.db.checkin.findMany({ where: { memberId }, orderBy: { deliveredAt: 'asc' } })).map((c) =>
        c.deliveredAt!.toISOString(),
      );
    expect(await delivered(n.id)).toEqual([
      '2026-03-02T14:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
      '2026-03-16T13:00:00.000Z',
      '2026-03-23T13:00:00.000Z',
      '2026-03-30T13:00:00.000Z',
    ]);
    expect(await delivered(c.id)).toEqual([
      '2026-03-02T08:00:00.000Z',
      '2026-03-09T08:00:00.000Z',
      '2026-03-16T08:00:00.000Z',
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
  });

  it('a time inside the missing hour goes out at the first valid minute after it; inside the repeated hour, once', async () => {
    t.clock.set('2026-03-27T12:00:00Z');
    const bo = slack('U0BO', 'Bo');
    const b = await member(bo);
    await settings(bo, { days: ['7'], time: '01:30' });
    expect((await pendingSeries(b.id))[0]!.dueAt.toISOString()).toBe('2026-03-29T01:00:00.000Z'); // 02:00 BST

    t.clock.set('2026-10-23T12:00:00Z');
    await settings(bo, { days: ['7'], time: '01:30' });
    const [job] = await pendingSeries(b.id);
    expect(job!.dueAt.toISOString()).toBe('2026-10-25T00:30:00.000Z'); // 01:30 BST, the first one
    await deliverNext(b.id);
    t.clock.set('2026-10-25T01:30:00Z'); // 01:30 GMT, the repeat
    await runDueJobs(t.deps);
    expect(await t.deps.db.checkin.count({ where: { memberId: b.id } })).toBe(1);
    expect((await pendingSeries(b.id)).map((j) => j.dueAt.toISOString())).toEqual(['2026-11-01T01:30:00.000Z']);
  });

  it('a check-in hours late (the bot was down) is skipped, not missed, and the week after comes as usual', async () => {
    t.clock.set('2026-11-20T12:00:00Z');
    const cy = slack('U0CY', 'Cy');
    const c = await member(cy);
    await settings(cy, { days: ['1'], time: '09:00' });
    t.clock.set('2026-11-23T15:00:00Z');
    await runDueJobs(t.deps);
    expect(await t.deps.db.checkin.count({ where: { memberId: c.id } })).toBe(0);
    expect((await pendingSeries(c.id)).map((j) => j.dueAt.toISOString())).toEqual(['2026-11-30T09:00:00.000Z']);
  });

  it('the daily sweep enrols mentors on the network default (Monday 10:00) and follows a change of time zone', async () => {
    t.clock.set('2026-11-20T12:00:00Z');
    const max = slack('U0MAX', 'Max');
    const mx = await member(max);
    const zoe = slack('U0ZOE', 'Zoe');
    await member(zoe);
    await run(zoe, 'checkin', 'now'); // any welfare use starts the sweep
    expect(await pendingSeries(mx.id)).toHaveLength(0);
    t.clock.set('2026-11-21T03:00:00Z');
    await runDueJobs(t.deps);
    expect((await pendingSeries(mx.id)).map((j) => j.dueAt.toISOString())).toEqual(['2026-11-23T10:00:00.000Z']);
    await t.deps.db.member.update({ where: { id: mx.id }, data: { timeZone: 'America/New_York' } });
    t.clock.set('2026-11-22T03:00:00Z');
    await runDueJobs(t.deps);
    expect((await pendingSeries(mx.id)).map((j) => j.dueAt.toISOString())).toEqual(['2026-11-23T15:00:00.000Z']);
  });

  it('shows the consent default and the trend in /checkin settings; pausing stops check-ins', async () => {
    const sam = slack('U0SAM', 'Sam');
    await member(sam);
    const dee = slack('U0DEE', 'Dee');
    const d = await member(dee, { supporter: sam });
    const form = await run(dee, 'checkin', 'settings');
    expect(form.form?.initial).toMatchObject({ days: '1', time: '10:00', consent: 'supporter', paused: 'no' });
    expect(form.form?.form.intro).toContain('you and Sam');
    await settings(dee, { days: ['1'], time: '10:00', paused: 'yes', consent: 'supporter' });
    expect(await pendingSeries(d.id)).toHaveLength(0);
  });
});

describe('away and snooze', () => {
  it('no check-in while away, and nothing is counted missed', async () => {
    t.clock.set('2026-11-01T12:00:00Z');
    const sam = slack('U0SAM', 'Sam');
    await member(sam);
    const eli = slack('U0ELI', 'Eli');
    const e = await member(eli, { supporter: sam });
    await settings(eli, { days: ['1', '2', '3', '4', '5', '6', '7'], time: '09:00' });
    await t.deps.db.member.update({
      where: { id: e.id },
      data: { status: 'away', awayUntil: new Date('2026-11-30T00:00:00Z') },
    });
    const before = await mark();
    for (let day = 0; day < 10; day++) await deliverNext(e.id);
    expect(await owedSince(before)).toHaveLength(0);
    expect(await t.deps.db.checkin.count({ where: { memberId: e.id } })).toBe(0);
    expect(await t.deps.db.welfareFollowUp.count()).toBe(0);
  });

  it('"remind me tomorrow" brings it back the next day at the same local time, and the snoozed one is not missed', async () => {
    t.clock.set('2026-11-22T12:00:00Z');
    const fay = slack('U0FAY', 'Fay');
    const f = await member(fay, { timeZone: 'Europe/Copenhagen' });
    await settings(fay, { days: ['1'], time: '09:00' });
    const id = await deliverNext(f.id);
    expect(t.clock.now().toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(text(await click(fay, 'checkin.snooze', id))).toContain('Tuesday 24 November at 09:00');
    const before = await mark();
    t.clock.set('2026-11-24T08:00:00Z');
    await runDueJobs(t.deps);
    const again = checkinsTo(await owedSince(before), f.id);
    expect(again).toHaveLength(1);
    expect(again[0]!.message.text).toContain('As you asked yesterday');
    expect((await t.deps.db.checkin.findUniqueOrThrow({ where: { id } })).status).toBe('snoozed');
  });
});

describe('missed check-ins', () => {
  it('one missed brings a soft reminder; three in a row exactly one nudge to the supporter; an answer resets the count', async () => {
    t.clock.set('2026-11-01T12:00:00Z');
    const sam = slack('U0SAM', 'Sam');
    const s = await member(sam);
    const gus = slack('U0GUS', 'Gus');
    const g = await member(gus, { supporter: sam });
    await settings(gus, { days: ['1', '2', '3', '4', '5', '6', '7'], time: '09:00', consent: 'supporter' });
    const before = await mark();
    for (let i = 0; i < 6; i++) await deliverNext(g.id); // five missed by the sixth delivery
    let owed = await owedSince(before);
    const nudges = owed.filter((o) => o.recipientMemberId === s.id);
    expect(nudges).toHaveLength(1);
    expect(nudges[0]!.message.text).toContain('Gus has not answered their last few check-ins');
    const reminders = owed.filter((o) => o.recipientMemberId === g.id && /No pressure/.test(o.message.text));
    expect(reminders).toHaveLength(1);
    expect(await t.deps.db.welfareFollowUp.count({ where: { rule: 'missed_three', assignedToId: s.id } })).toBe(1);

    // An answer resets the count: the next miss is a first one again.
    const latest = await t.deps.db.checkin.findFirstOrThrow({ where: { memberId: g.id, status: 'delivered' } });
    await click(gus, 'checkin.answer', `${latest.id}:well`);
    await runDueJobs(t.deps);
    await deliverNext(g.id);
    await deliverNext(g.id);
    owed = await owedSince(before);
    expect(owed.filter((o) => o.recipientMemberId === g.id && /No pressure/.test(o.message.text))).toHaveLength(2);
    expect(owed.filter((o) => o.recipientMemberId === s.id)).toHaveLength(1);
  });

  it('the nudge goes to the coordinators when there is no supporter, and is closed by whoever followed up', async () => {
    t.clock.set('2026-11-01T12:00:00Z');
    const cat = slack('U0CAT', 'Cat');
    const c = await member(cat, { roles: ['coordinator'] });
    const hal = slack('U0HAL', 'Hal');
    const h = await member(hal);
    await settings(hal, { days: ['1', '2', '3', '4', '5', '6', '7'], time: '09:00' });
    for (let i = 0; i < 4; i++) await deliverNext(h.id);
    const nudge = (await owedMessages(t.deps)).find(
      (o) => o.recipientMemberId === c.id && o.message.title === 'Please reach out',
    )!;
    expect(nudge.message.text).toContain('Hal has not answered their last few check-ins');
    expect(nudge.message.text).not.toMatch(/struggling|stretched/);
    const close = nudge.message.buttons!.find((b) => b.label === 'I reached out')!;
    expect(text(await click(hal, close.actionId, close.value!))).toContain('not asked of you');
    expect(text(await click(cat, close.actionId, close.value!))).toContain('Thank you for reaching out to Hal');
    expect(
      await t.deps.db.welfareFollowUp.findFirstOrThrow({ where: { memberId: h.id, rule: 'missed_three' } }),
    ).toMatchObject({ status: 'closed', closure: 'reached_out', closedById: c.id });
  });
  it('with a duty rota, only the coordinator on duty is asked', async () => {
    t.clock.set('2026-11-01T12:00:00Z');
    const cat = slack('U0CAT', 'Cat');
    const c = await member(cat, { roles: ['coordinator'] });
    const dan = slack('U0DAN', 'Dan');
    const d = await member(dan, { roles: ['coordinator'] });
    for (let weekday = 1; weekday <= 7; weekday++) {
      await t.deps.db.rotaPattern.create({
        data: {
          id: crypto.randomUUID(),
          weekday,
          startMinute: 0,
          endMinute: 1440,
          position: 'primary',
          coordinatorId: d.id,
        },
      });
    }
    const hal = slack('U0HAL', 'Hal');
    const h = await member(hal);
    await settings(hal, { days: ['1', '2', '3', '4', '5', '6', '7'], time: '09:00' });
    for (let i = 0; i < 4; i++) await deliverNext(h.id);
    const nudges = (await owedMessages(t.deps)).filter((o) => o.message.title === 'Please reach out');
    expect(nudges.map((o) => o.recipientMemberId)).toEqual([d.id]);
    void c;
  });
});

describe('answers and consent', () => {
  async function setup(consent: 'private' | 'supporter') {
    t.clock.set('2026-11-20T12:00:00Z');
    const sam = slack('U0SAM', 'Sam');
    const s = await member(sam);
    const cat = slack('U0CAT', 'Cat');
    const c = await member(cat, { roles: ['coordinator'] });
    const other = slack('U0OLA', 'Ola');
    await member(other);
    const ivy = slack('U0IVY', 'Ivy');
    const i = await member(ivy, { supporter: sam });
    await settings(ivy, { days: ['1'], time: '09:00', consent });
    const id = await deliverNext(i.id);
    return { sam, s, cat, c, other, ivy, i, id };
  }

  it('"struggling" shared with the supporter reaches the supporter within one job tick, and nobody else', async () => {
    const { s, ivy, i, id, other } = await setup('supporter');
    const before = await mark();
    const answered = await click(ivy, 'checkin.answer', `${id}:struggling`);
    expect(text(answered)).toContain('You and Sam (your chosen supporter) can see your answer');
    const more = answered.messages[0]!.buttons!.find((b) => b.actionId === 'checkin.more')!;
    const form = await click(ivy, more.actionId, more.value!);
    const saved = await submit(
      ivy,
      'checkin-more',
      { weighing: 'A threat from MS-0042 after the session', wants: 'nothing', consent: 'supporter' },
      form.form!.context!,
    );
    expect(text(saved)).toContain('Saved, privately');
    await runDueJobs(t.deps);
    const owed = await owedSince(before);
    expect(new Set(owed.map((o) => o.recipientMemberId ?? o.channel))).toEqual(new Set([s.id, i.id]));
    const nudge = owed.filter((o) => o.recipientMemberId === s.id);
    expect(nudge).toHaveLength(1);
    expect(nudge[0]!.message.text).toContain(
      'Ivy shared with you in their check-in that they are struggling, and might welcome a call',
    );
    expect(JSON.stringify(owed)).not.toContain('MS-0042');
    expect(owed.filter((o) => o.kind === 'update').every((o) => o.recipientMemberId === i.id)).toBe(true);
    expect(owed.find((o) => o.recipientMemberId === i.id && o.kind === 'send')!.message.text).toContain(
      'I have asked Sam to reach out',
    );
    // Nobody else can act on or open it.
    expect(text(await click(other, 'checkin.more', id))).toContain('not one of yours');
    expect(text(await click(other, 'checkin.answer', `${id}:well`))).toContain('not one of yours');
    const sealed = await t.deps.db.checkin.findUniqueOrThrow({ where: { id } });
    expect(sealed.weighingEnc).not.toContain('MS-0042');
  });

  it('"struggling" with "only me" reaches nobody, and the mentor is offered help directly', async () => {
    const { c, ivy, i, id, sam, s } = await setup('private');
    const before = await mark();
    expect(text(await click(ivy, 'checkin.answer', `${id}:struggling`))).toContain('Only you can see your answer');
    await runDueJobs(t.deps);
    const all = await owedSince(before);
    expect(new Set(all.map((o) => o.recipientMemberId))).toEqual(new Set([i.id]));
    const owed = all.filter((o) => o.kind === 'send');
    expect(owed).toHaveLength(1);
    expect(owed[0]!.message.text).toContain('nobody has been told');
    expect(owed[0]!.message.text).toContain('Samaritans 116 123');
    expect(owed[0]!.message.buttons?.map((b) => b.label)).toEqual(['Ask someone to call me', 'Ask for supervision']);
    // Coordinators see no individual and no count for a private answer.
    const home = await t.router.home({ platform: 'slack', platformUserId: 'U0CAT', displayName: 'Cat' });
    const welfare = home.find((m) => m.title?.startsWith('Welfare'))!;
    expect(welfare.text).toContain('struggling none');
    expect(welfare.fields).toEqual([]);
    expect(await t.deps.db.welfareFollowUp.count({ where: { assignedToId: { in: [c.id, s.id] } } })).toBe(0);
    // The mentor may then ask for a call themselves.
    const ask = owed[0]!.message.buttons![0]!;
    expect(text(await click(ivy, ask.actionId, ask.value!))).toContain('I have asked Sam');
    expect((await owedMessages(t.deps)).filter((o) => o.recipientMemberId === s.id)).toHaveLength(1);
    void sam;
  });

  it('"supporter" with no supporter asks the duty coordinator, content-free; "totals only" asks nobody and is only counted', async () => {
    t.clock.set('2026-11-20T12:00:00Z');
    const cat = slack('U0CAT', 'Cat');
    const c = await member(cat, { roles: ['coordinator'] });
    const una = slack('U0UNA', 'Una');
    const u = await member(una);
    const vic = slack('U0VIC', 'Vic');
    const v = await member(vic);
    await settings(una, { days: ['1'], time: '09:00', consent: 'supporter' });
    await settings(vic, { days: ['1'], time: '09:00', consent: 'totals' });
    const ua = await deliverNext(u.id);
    const va = await t.deps.db.checkin.findFirstOrThrow({ where: { memberId: v.id } });
    const before = await mark();
    await click(una, 'checkin.answer', `${ua}:struggling`);
    await click(vic, 'checkin.answer', `${va.id}:struggling`);
    await runDueJobs(t.deps);
    const owed = (await owedSince(before)).filter((o) => o.kind === 'send');
    const toCat = owed.filter((o) => o.recipientMemberId === c.id);
    expect(toCat).toHaveLength(1);
    expect(toCat[0]!.message.text).toContain('Una might welcome a call');
    expect(toCat[0]!.message.text).not.toMatch(/struggling/);
    expect(owed.find((o) => o.recipientMemberId === u.id)!.message.text).toContain(
      'I have asked Cat (the duty coordinator)',
    );
    expect(owed.filter((o) => o.recipientMemberId === v.id).map((o) => o.message.title)).toEqual([
      'Support, if you want it',
    ]);
    const home = await t.router.home(cat);
    const welfare = home.find((m) => m.title?.startsWith('Welfare'))!;
    expect(welfare.text).toContain('struggling fewer than 10');
    expect(welfare.fields).toEqual([{ label: 'Una', value: 'asked to reach out' }]);
  });

  it('an answer can be changed for 24 hours, and a change runs the rules again', async () => {
    const { s, ivy, id } = await setup('supporter');
    await click(ivy, 'checkin.answer', `${id}:well`);
    await runDueJobs(t.deps);
    expect((await owedMessages(t.deps)).filter((o) => o.recipientMemberId === s.id)).toHaveLength(0);
    t.clock.advance(23 * 3600_000);
    expect(text(await click(ivy, 'checkin.answer', `${id}:struggling`))).toContain('You said: struggling');
    await runDueJobs(t.deps);
    expect((await owedMessages(t.deps)).filter((o) => o.recipientMemberId === s.id)).toHaveLength(1);
    t.clock.advance(2 * 3600_000);
    expect(text(await click(ivy, 'checkin.answer', `${id}:well`))).toContain('24 hours');
  });

  it('stretched twice in a row brings an offer of supervision', async () => {
    const { ivy, i, id } = await setup('private');
    await click(ivy, 'checkin.answer', `${id}:stretched`);
    await runDueJobs(t.deps);
    const second = await deliverNext(i.id);
    await click(ivy, 'checkin.answer', `${second}:stretched`);
    await runDueJobs(t.deps);
    const offers = (await owedMessages(t.deps)).filter(
      (o) => o.recipientMemberId === i.id && o.message.title === 'Supervision',
    );
    expect(offers).toHaveLength(1);
    const offer = offers[0]!.message.buttons![0]!;
    expect(offer.actionId).toBe('checkin.supervision');
    const opened = await click(ivy, offer.actionId, offer.value!);
    expect(opened.form?.form.id).toBe('supervision-request');
    expect(opened.form?.context).toEqual({ via: 'checkin' });
  });

  it('/checkin now shows a check-in at once, and the mentor sees their own trend at home', async () => {
    const jo = slack('U0JO', 'Jo');
    await member(jo);
    const shown = await run(jo, 'checkin', 'now');
    const buttons = shown.messages[0]!.buttons!;
    expect(shown.messages[0]!.text).toContain('This is your first check-in');
    expect(shown.messages[0]!.text).toContain('Only you can see your answer');
    await click(jo, 'checkin.answer', buttons[1]!.value!);
    const home = await t.router.home(jo);
    expect(home.find((m) => m.title === 'Your check-ins')!.text).toContain('◐');
  });
});

describe('TRiM and debrief follow-up', () => {
  it('check-ins at about 72 hours and 28 days after a P1/P2; at 28 days a mentor still struggling is pointed to professional support', async () => {
    t.clock.set('2026-11-23T14:00:00Z');
    const kai = slack('U0KAI', 'Kai');
    const k = await member(kai);
    const now = t.clock.now();
    await t.deps.db.$transaction(async (tx) => {
      for (let twice = 0; twice < 2; twice++) {
        await scheduleCheckin(
          { tx, deps: t.deps, now },
          { memberId: k.id, reason: 'trim_72h', dueAt: new Date(now.getTime() + 72 * 3600_000), sourceId: 'esc-1' },
        );
        await scheduleCheckin(
          { tx, deps: t.deps, now },
          {
            memberId: k.id,
            reason: 'trim_28d',
            dueAt: new Date(now.getTime() + 28 * 24 * 3600_000),
            sourceId: 'esc-1',
          },
        );
      }
    });
    expect(await t.deps.db.checkin.count({ where: { memberId: k.id } })).toBe(2);
    t.clock.set('2026-11-26T14:00:00Z');
    await runDueJobs(t.deps);
    const first = checkinsTo(await owedMessages(t.deps), k.id);
    expect(first).toHaveLength(1);
    expect(first[0]!.message.text).toContain('A few days on from a difficult incident');
    t.clock.set('2026-12-21T14:00:00Z');
    await runDueJobs(t.deps);
    const later = checkinsTo(await owedMessages(t.deps), k.id);
    expect(later).toHaveLength(2);
    const trim28 = await t.deps.db.checkin.findFirstOrThrow({ where: { memberId: k.id, reason: 'trim_28d' } });
    await click(kai, 'checkin.answer', `${trim28.id}:struggling`);
    await runDueJobs(t.deps);
    const pointer = (await owedMessages(t.deps)).find(
      (o) => o.recipientMemberId === k.id && o.message.title === 'Support beyond the network',
    );
    expect(pointer?.message.text).toContain("the network's counselling service");
  });

  it('a one-off check-in due at night comes at 09:00 local, and one due while away waits for the return', async () => {
    t.clock.set('2026-11-23T22:00:00Z');
    const lin = slack('U0LIN', 'Lin');
    const l = await member(lin, { timeZone: 'America/New_York' });
    await t.deps.db.member.update({
      where: { id: l.id },
      data: { status: 'away', awayUntil: new Date('2026-11-27T05:00:00Z') },
    });
    await t.deps.db.$transaction((tx) =>
      scheduleCheckin(
        { tx, deps: t.deps, now: t.clock.now() },
        { memberId: l.id, reason: 'debrief_followup', dueAt: new Date('2026-11-24T04:00:00Z'), sourceId: 'debrief-1' },
      ),
    );
    const c = await t.deps.db.checkin.findFirstOrThrow({ where: { memberId: l.id } });
    expect(c.dueAt.toISOString()).toBe('2026-11-24T14:00:00.000Z'); // 09:00 EST
    t.clock.set(c.dueAt);
    await runDueJobs(t.deps);
    expect(checkinsTo(await owedMessages(t.deps), l.id)).toHaveLength(0);
    t.clock.set('2026-11-27T14:00:00Z');
    await runDueJobs(t.deps);
    expect(checkinsTo(await owedMessages(t.deps), l.id)).toHaveLength(1);
  });
});
