import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { catalogue } from '../../../commands/index.js';
import { Router } from '../../../src/core/router.js';
import { features } from '../../../src/features/index.js';
import { installFeatures, jobRegistryOf } from '../../../src/features/install.js';
import { owedMessages, runDueJobs } from '../../helpers/owed.js';
import {
  alerts,
  CONTACT,
  createHarness,
  DETAILS,
  press,
  raiseByForm,
  reset,
  roundTheClock,
  runAt,
  submit,
  textOf,
  type Harness,
} from './fixture.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ channelPlatforms: ['slack', 'discord'] });
});
afterAll(() => h.close());
beforeEach(async () => {
  await reset(h);
  await roundTheClock(h);
  h.t.clock.set('2026-11-23T10:00:00Z');
});

const escalation = () => h.t.deps.db.escalation.findFirstOrThrow({ orderBy: { number: 'desc' } });

describe('raising an escalation', () => {
  it('confirms to the reporter with the 999 line, tells the duty coordinator with the details and posts minimal facts with an Acknowledge button', async () => {
    const outcome = await raiseByForm(h);
    expect(textOf(outcome)).toContain('call the emergency services (999) first');
    expect(textOf(outcome)).toContain('duty coordinator has been told now (P1)');
    const owed = await owedMessages(h.t.deps);
    const toSam = owed.filter((m) => m.recipientMemberId === h.sam.id);
    expect(toSam).toHaveLength(1);
    expect(JSON.stringify(toSam[0]!.message)).toContain(DETAILS);
    expect(JSON.stringify(toSam[0]!.message)).toContain(CONTACT);
    const posts = owed.filter((m) => m.channel === 'coordinators');
    expect(posts.map((p) => p.platform).sort()).toEqual(['discord', 'slack']);
    expect(posts[0]!.message.text).toMatch(
      /^P1 escalation #1: Risk of suicide or self-harm, case MS-0042, raised by Alex at Mon 23 Nov 10:00/,
    );
    expect(posts[0]!.message.buttons?.map((b) => b.label)).toEqual(['Acknowledge']);
    const row = await escalation();
    expect(row).toMatchObject({ tier: 'P1', status: 'open', epoch: 0, deadlineAt: new Date('2026-11-23T10:05:00Z') });
    expect(row.detailsEnc).not.toContain('blade');
    expect(await h.t.deps.db.checkin.count({ where: { memberId: h.alex.id } })).toBe(2);
  });

  it('suggests the tier from the category when none is chosen, and keeps a chosen one', async () => {
    await raiseByForm(h, { category: 'safeguarding' });
    expect((await escalation()).tier).toBe('P2');
    await raiseByForm(h, { category: 'other', tier: 'P1' });
    expect((await escalation()).tier).toBe('P1');
  });
});

describe('the re-notification chain', () => {
  const chains = {
    P1: {
      at: ['10:00:00', '10:05:00', '10:10:00', '10:15:00'],
      times: ['2026-11-23T10:05:00Z', '2026-11-23T10:10:00Z', '2026-11-23T10:15:00Z'],
    },
    P2: {
      at: ['10:00:00', '11:00:00', '12:00:00', '13:00:00'],
      times: ['2026-11-23T11:00:00Z', '2026-11-23T12:00:00Z', '2026-11-23T13:00:00Z'],
    },
    // P3 raised Monday 10:00: due 17:00 the same day (7 hours), so 17:00, then 00:00 and 07:00.
    P3: {
      at: ['10:00:00', '17:00:00', '00:00:00', '07:00:00'],
      times: ['2026-11-23T17:00:00Z', '2026-11-24T00:00:00Z', '2026-11-24T07:00:00Z'],
    },
  } as const;

  for (const tier of ['P1', 'P2', 'P3'] as const) {
    it(`never acknowledged, a ${tier} goes to the primary, the primary again, the backup, then every coordinator, at the exact times`, async () => {
      await raiseByForm(h, { tier });
      const [one, two, three] = chains[tier].times;
      const justBefore = (iso: string) => new Date(new Date(iso).getTime() - 1000).toISOString();
      await runAt(h, justBefore(one), one, justBefore(two), two, justBefore(three), three);
      await runAt(h, new Date(new Date(three).getTime() + 24 * 3600_000).toISOString());
      const [a0, a1, a2, a3] = chains[tier].at;
      // The repeats after the last level (P1, P2) are the next test's.
      expect((await alerts(h)).filter(([name]) => name !== 'Alex').slice(0, 6)).toEqual([
        ['Sam', a0],
        ['Sam', a1],
        ['Bo', a2],
        ['Bo', a3],
        ['Cy', a3],
        ['Sam', a3],
      ]);
    });
  }

  it('survives restarts between the steps: each step on time, none twice (a fresh router and runner on the same database)', async () => {
    await raiseByForm(h);
    for (const at of ['2026-11-23T10:05:00Z', '2026-11-23T10:10:00Z', '2026-11-23T10:15:00Z']) {
      // "Restart": a new router and job registry (features installed again) and a new runner, then the tick.
      const deps = { ...h.t.deps, jobs: jobRegistryOf(features) };
      const router = new Router(deps, catalogue);
      installFeatures(router, features);
      router.verify();
      h.t.clock.set(at);
      await runDueJobs(deps);
      await runDueJobs(deps);
    }
    expect(await alerts(h)).toEqual([
      ['Sam', '10:00:00'],
      ['Sam', '10:05:00'],
      ['Bo', '10:10:00'],
      ['Bo', '10:15:00'],
      ['Cy', '10:15:00'],
      ['Sam', '10:15:00'],
    ]);
  });

  it('after an outage catches up at once, each missed step once', async () => {
    await raiseByForm(h);
    await runAt(h, '2026-11-23T10:12:30Z', '2026-11-23T10:12:31Z');
    expect(await alerts(h)).toEqual([
      ['Sam', '10:00:00'],
      ['Bo', '10:12:30'],
      ['Sam', '10:12:30'],
    ]);
  });

  it('stops once acknowledged before the deadline: no re-notification, the reporter is told, posts and DMs are updated on every platform', async () => {
    await raiseByForm(h);
    h.t.clock.set('2026-11-23T10:02:00Z');
    const row = await escalation();
    const acked = await press(h, h.sam, 'escalation.ack', row.id);
    expect(textOf(acked)).toContain('is yours');
    await runAt(h, '2026-11-23T10:05:00Z', '2026-11-23T10:10:00Z', '2026-11-23T10:15:00Z', '2026-11-23T12:00:00Z');
    expect(await alerts(h)).toEqual([['Sam', '10:00:00']]);
    const owed = await owedMessages(h.t.deps);
    const updates = owed.filter((m) => m.kind === 'update');
    expect(
      updates
        .filter((u) => u.channel === 'coordinators')
        .map((u) => u.platform)
        .sort(),
    ).toEqual(['discord', 'slack']);
    expect(updates.some((u) => u.recipientMemberId === h.sam.id)).toBe(true);
    expect(
      updates.every(
        (u) => u.message.text.includes('Acknowledged by Sam at Mon 23 Nov 10:02') && !u.message.buttons?.length,
      ),
    ).toBe(true);
    expect(
      owed.find(
        (m) => m.recipientMemberId === h.alex.id && m.message.text.includes('Sam (coordinator) has your escalation #1'),
      )?.message.text,
    ).toContain('999');
    expect(await escalation()).toMatchObject({ status: 'acknowledged', epoch: 1, acknowledgedById: h.sam.id });
    const jobs = await h.t.deps.db.job.findMany({ where: { kind: 'escalation.step' } });
    // Three levels, twelve repeats and the last word: every one fenced by the acknowledgement.
    expect(jobs.map((j) => j.skipReason)).toEqual(Array(16).fill('fenced'));
    expect(owed.filter((m) => m.logicalKey?.endsWith(':unanswered'))).toEqual([]);
  });

  it('a P1 nobody answers repeats to every coordinator every 5 minutes, 12 times, then tells the channel and every admin', async () => {
    await h.t.deps.db.member.update({ where: { id: h.cy.id }, data: { roles: ['coordinator', 'admin'] } });
    try {
      await raiseByForm(h);
      const times = Array.from({ length: 17 }, (_, i) =>
        new Date(Date.parse('2026-11-23T10:05:00Z') + i * 5 * 60_000).toISOString(),
      );
      await runAt(h, ...times, '2026-11-23T13:00:00Z');
      const sent = await alerts(h);
      const repeats = sent.filter(([, at]) => at >= '10:20:00' && at <= '11:15:00');
      expect(repeats).toHaveLength(12 * 3);
      expect([...new Set(repeats.map(([, at]) => at))]).toEqual(times.slice(3, 15).map((t) => t.slice(11, 19)));
      const owed = await owedMessages(h.t.deps);
      const reminder = owed.find(
        (m) => m.recipientMemberId === h.bo.id && m.createdAt.toISOString() === '2026-11-23T11:15:00.000Z',
      )!;
      expect(reminder.message.text).toContain('reminder 12 of 12');
      const { id } = await escalation();
      const lastWord = owed.filter((m) => m.logicalKey === `escalation:${id}:unanswered`);
      expect(lastWord.map((m) => [m.platform, m.createdAt.toISOString()]).sort()).toEqual(
        [
          ['discord', '2026-11-23T11:20:00.000Z'],
          ['slack', '2026-11-23T11:20:00.000Z'],
        ].sort(),
      );
      expect(lastWord[0]!.message.title).toBe('P1 escalation #1 is still unanswered');
      expect(JSON.stringify(lastWord)).not.toContain(DETAILS);
      const toAdmin = owed.filter(
        (m) => m.recipientMemberId === h.cy.id && m.message.title === 'P1 escalation #1 is still unanswered',
      );
      expect(toAdmin).toHaveLength(1);
      expect(JSON.stringify(toAdmin)).not.toContain(DETAILS);
    } finally {
      await h.t.deps.db.member.update({ where: { id: h.cy.id }, data: { roles: ['coordinator'] } });
    }
  });

  it('a P2 nobody answers repeats every 30 minutes, 8 times; acknowledging part-way stops every repeat', async () => {
    await raiseByForm(h, { category: 'safeguarding' });
    await runAt(
      h,
      '2026-11-23T11:00:00Z',
      '2026-11-23T12:00:00Z',
      '2026-11-23T13:00:00Z',
      '2026-11-23T13:30:00Z',
      '2026-11-23T14:00:00Z',
    );
    expect((await alerts(h)).filter(([, at]) => at > '13:00:00')).toEqual([
      ['Bo', '13:30:00'],
      ['Cy', '13:30:00'],
      ['Sam', '13:30:00'],
      ['Bo', '14:00:00'],
      ['Cy', '14:00:00'],
      ['Sam', '14:00:00'],
    ]);
    h.t.clock.set('2026-11-23T14:10:00Z');
    await press(h, h.bo, 'escalation.ack', (await escalation()).id);
    await runAt(h, '2026-11-23T18:00:00Z');
    expect((await alerts(h)).filter(([, at]) => at > '14:00:00')).toEqual([]);
    const steps = await h.t.deps.db.job.findMany({ where: { kind: 'escalation.step' }, orderBy: { dueAt: 'asc' } });
    expect(steps.map((j) => j.dueAt.toISOString().slice(11, 16)).slice(-2)).toEqual(['17:00', '17:30']);
  });

  it('carries on when a coordinator adds a note during the chain (a note does not move the epoch)', async () => {
    await raiseByForm(h);
    const row = await escalation();
    h.t.clock.set('2026-11-23T10:03:00Z');
    const form = await press(h, h.cy, 'escalation.update', row.id);
    expect(form.form?.form.id).toBe('escalation.update');
    const saved = await submit(
      h,
      h.cy,
      'escalation.update',
      { note: 'Tried calling the mentor, no answer yet' },
      form.form!.context!,
    );
    expect(textOf(saved)).toContain('Saved on escalation #1');
    await runAt(h, '2026-11-23T10:05:00Z', '2026-11-23T10:10:00Z');
    expect(await alerts(h)).toEqual([
      ['Sam', '10:00:00'],
      ['Sam', '10:05:00'],
      ['Bo', '10:10:00'],
    ]);
    expect((await escalation()).epoch).toBe(0);
  });

  it('refuses a mentor pressing Acknowledge, and the chain carries on', async () => {
    await raiseByForm(h);
    const row = await escalation();
    const refused = await press(h, h.alex, 'escalation.ack', row.id);
    expect(textOf(refused)).toContain('for coordinators only');
    expect((await escalation()).status).toBe('open');
    await runAt(h, '2026-11-23T10:05:00Z');
    expect(await alerts(h)).toHaveLength(2);
    expect(await h.t.deps.db.event.count({ where: { kind: 'access.refused', actorId: h.alex.id } })).toBeGreaterThan(0);
  });

  it('settles acknowledge racing resolve: one acknowledgement, resolved, nothing after', async () => {
    for (let round = 0; round < 4; round++) {
      await reset(h);
      await roundTheClock(h);
      h.t.clock.set('2026-11-23T10:00:00Z');
      await raiseByForm(h);
      const row = await escalation();
      h.t.clock.set('2026-11-23T10:01:00Z');
      const resolveForm = await press(h, h.bo, 'escalation.resolve', row.id);
      const [ack, resolved] = await Promise.all([
        press(h, h.sam, 'escalation.ack', row.id),
        submit(h, h.bo, 'escalation.resolve', { outcome: 'not_a_risk' }, resolveForm.form!.context!),
      ]);
      expect(textOf(ack) + textOf(resolved)).not.toContain('went wrong');
      const final = await escalation();
      expect(final.status).toBe('resolved');
      expect(final.acknowledgedAt).not.toBeNull();
      expect(await h.t.deps.db.event.count({ where: { subjectId: row.id, kind: 'escalation.acknowledged' } })).toBe(1);
      expect(await h.t.deps.db.event.count({ where: { subjectId: row.id, kind: 'escalation.resolved' } })).toBe(1);
      await runAt(h, '2026-11-23T10:05:00Z', '2026-11-23T10:10:00Z', '2026-11-23T10:15:00Z', '2026-11-23T14:00:00Z');
      expect(await alerts(h)).toEqual([['Sam', '10:00:00']]);
    }
  });

  it('asks the resolving coordinator at once who else was involved, for post-incident support', async () => {
    await reset(h);
    await roundTheClock(h);
    h.t.clock.set('2026-11-23T10:00:00Z');
    await raiseByForm(h);
    const row = await escalation();
    await press(h, h.sam, 'escalation.ack', row.id);
    const resolveForm = await press(h, h.sam, 'escalation.resolve', row.id);
    await submit(h, h.sam, 'escalation.resolve', { outcome: 'not_a_risk' }, resolveForm.form!.context!);
    const asked = (await owedMessages(h.t.deps)).filter(
      (m) => m.recipientMemberId === h.sam.id && m.message.buttons?.some((b) => b.actionId === 'mentors.trim.plan'),
    );
    expect(asked).toHaveLength(1);
  });

  it('tells the backup and every coordinator at once when nobody is on duty, then repeats to them all', async () => {
    await h.t.deps.db.rotaPattern.deleteMany({});
    const outcome = await raiseByForm(h);
    expect(textOf(outcome)).toContain('Nobody is on the rota right now');
    expect((await alerts(h)).map(([n]) => n).sort()).toEqual(['Bo', 'Cy', 'Sam']);
    const steps = await h.t.deps.db.job.findMany({ where: { kind: 'escalation.step' }, orderBy: { dueAt: 'asc' } });
    expect(steps.map((j) => j.dueAt.toISOString().slice(11, 16))).toEqual([
      '10:05',
      '10:10',
      '10:15',
      '10:20',
      '10:25',
      '10:30',
      '10:35',
      '10:40',
      '10:45',
      '10:50',
      '10:55',
      '11:00',
      '11:05',
    ]);
    await runAt(h, '2026-11-23T10:05:00Z');
    expect((await alerts(h)).filter(([, at]) => at === '10:05:00').map(([n]) => n)).toEqual(['Bo', 'Cy', 'Sam']);
  });
});

describe('a coordinator raising while on duty', () => {
  it('goes to the backup as primary, and cannot be acknowledged or resolved by the reporter', async () => {
    await raiseByForm(h, {}, h.sam.user);
    const row = await escalation();
    expect(textOf(await press(h, h.sam, 'escalation.ack', row.id))).toContain(
      'another coordinator needs to acknowledge it',
    );
    const resolve = await press(h, h.sam, 'escalation.resolve', row.id);
    expect(
      textOf(
        await submit(
          h,
          h.sam,
          'escalation.resolve',
          { outcome: 'safe_no_further_action' },
          resolve.form?.context ?? { escalationId: row.id },
        ),
      ),
    ).toContain('another coordinator needs to resolve it');
    expect(await h.t.deps.db.escalation.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: 'open',
      acknowledgedById: null,
    });
    await runAt(h, '2026-11-23T10:05:00Z', '2026-11-23T10:10:00Z', '2026-11-23T10:15:00Z');
    expect(await alerts(h)).toEqual([
      ['Bo', '10:00:00'],
      ['Bo', '10:05:00'],
      // Nobody left to be the backup: every other coordinator at 2×, and again at 3×.
      ['Bo', '10:10:00'],
      ['Cy', '10:10:00'],
      ['Bo', '10:15:00'],
      ['Cy', '10:15:00'],
    ]);
  });
});

describe('lifecycle', () => {
  it('goes acknowledged, in progress with actions, resolved with an outcome; reminds the acknowledger when not updated', async () => {
    await raiseByForm(h, { category: 'planned_crime' });
    const row = await escalation();
    h.t.clock.set('2026-11-23T10:10:00Z');
    await press(h, h.sam, 'escalation.ack', row.id);
    // Not updated for 120 minutes: a reminder to Sam.
    await runAt(h, '2026-11-23T12:09:00Z');
    const reminders = async () =>
      (await owedMessages(h.t.deps)).filter(
        (m) => m.recipientMemberId === h.sam.id && m.message.text.startsWith('A gentle reminder'),
      );
    expect(await reminders()).toHaveLength(0);
    await runAt(h, '2026-11-23T12:10:00Z');
    expect((await reminders()).map((m) => m.createdAt.toISOString())).toEqual(['2026-11-23T12:10:00.000Z']);
    h.t.clock.set('2026-11-23T12:30:00Z');
    const form = await press(h, h.sam, 'escalation.update', row.id);
    await submit(h, h.sam, 'escalation.update', { actions: ['police', 'safeguarding_referral'] }, form.form!.context!);
    expect(await escalation()).toMatchObject({
      status: 'in_progress',
      actionsRecorded: ['police', 'safeguarding_referral'],
      epoch: 1,
    });
    // The next reminder counts from the update (12:30 + 2 h), not from the last reminder.
    await runAt(h, '2026-11-23T14:10:00Z', '2026-11-23T14:29:00Z');
    expect(await reminders()).toHaveLength(1);
    await runAt(h, '2026-11-23T14:30:00Z');
    expect(await reminders()).toHaveLength(2);
    h.t.clock.set('2026-11-23T15:00:00Z');
    const resolveForm = await press(h, h.sam, 'escalation.resolve', row.id);
    await submit(h, h.sam, 'escalation.resolve', { outcome: 'referred' }, resolveForm.form!.context!);
    expect(await escalation()).toMatchObject({ status: 'resolved', outcome: 'referred', epoch: 2 });
    await runAt(h, '2026-11-23T20:00:00Z');
    expect(await reminders()).toHaveLength(2);
    const kinds = (await h.t.deps.db.event.findMany({ where: { subjectId: row.id }, orderBy: { id: 'asc' } })).map(
      (e) => e.kind,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        'escalation.raised',
        'escalation.notified',
        'escalation.acknowledged',
        'escalation.reminded',
        'escalation.actions',
        'escalation.resolved',
      ]),
    );
  });

  it('refuses recording actions before acknowledging, and changes nothing once resolved', async () => {
    await raiseByForm(h);
    const row = await escalation();
    const form = await press(h, h.cy, 'escalation.update', row.id);
    expect(textOf(await submit(h, h.cy, 'escalation.update', { actions: ['police'] }, form.form!.context!))).toContain(
      'acknowledge escalation #1 first',
    );
    await press(h, h.sam, 'escalation.ack', row.id);
    const again = await press(h, h.bo, 'escalation.ack', row.id);
    expect(textOf(again)).toContain('already acknowledged (by Sam');
  });
});

describe('channels never see the details', () => {
  it('keeps what happened and how to reach the mentor out of every channel post and update', async () => {
    await raiseByForm(h);
    const row = await escalation();
    await runAt(h, '2026-11-23T10:05:00Z', '2026-11-23T10:10:00Z');
    await press(h, h.sam, 'escalation.ack', row.id);
    const form = await press(h, h.sam, 'escalation.resolve', row.id);
    await submit(
      h,
      h.sam,
      'escalation.resolve',
      { outcome: 'emergency_response', note: 'Ambulance attended at 10:20' },
      form.form!.context!,
    );
    const owed = await owedMessages(h.t.deps);
    const channelKeys = new Set(owed.filter((m) => m.channel).map((m) => m.logicalKey));
    const toChannels = owed.filter((m) => m.channel || (m.kind === 'update' && channelKeys.has(m.logicalKey)));
    expect(toChannels.length).toBeGreaterThanOrEqual(4);
    for (const m of toChannels) {
      const all = JSON.stringify(m.message);
      for (const secret of [DETAILS, CONTACT, 'blade', '07700', 'Ambulance']) expect(all).not.toContain(secret);
    }
    const events = JSON.stringify(
      await h.t.deps.db.event.findMany({ where: { subjectId: row.id } }),
      (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v),
    );
    for (const secret of ['blade', '07700', 'Ambulance']) expect(events).not.toContain(secret);
  });
});
