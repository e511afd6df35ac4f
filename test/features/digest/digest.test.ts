import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlatformUser } from '../../../src/core/actor.js';
import type { Message } from '../../../src/core/message.js';
import type { Figures } from '../../../src/features/digest/counts.js';
import { publishFigures } from '../../../src/features/digest/counts.js';
import type { Shown } from '../../../src/features/digest/suppression.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { owedMessages, runDueJobs } from '../../helpers/owed.js';

let t: TestContext;
afterAll(() => t?.close());

let seq = 0;
const slack = (id: string, displayName: string): PlatformUser => ({
  platform: 'slack',
  platformUserId: id,
  displayName,
});
const run = (user: PlatformUser, command: string, options: Record<string, string> = {}) =>
  t.router.dispatch({ kind: 'command', id: `c${++seq}`, user, command, options });
const click = (user: PlatformUser, actionId: string, value: string) =>
  t.router.dispatch({ kind: 'action', id: `a${++seq}`, user, actionId, value });
const submit = (
  user: PlatformUser,
  formId: string,
  values: Record<string, string | string[]>,
  context: Record<string, string> = {},
) => t.router.dispatch({ kind: 'submit', id: `s${++seq}`, user, formId, values, context });
const text = (o: { messages: Message[] }) => o.messages.map((m) => `${m.title ?? ''}\n${m.text}`).join('\n');
const memberId = async (user: PlatformUser) =>
  (
    await t.deps.db.member.findFirstOrThrow({
      where: { identities: { some: { platformUserId: user.platformUserId } } },
    })
  ).id;
const everything = (m: Message) =>
  [m.title ?? '', m.text, ...(m.fields ?? []).map((f) => `${f.label} ${f.value}`)].join('\n');

const cora = slack('U0CORA', 'Cora Lindqvist');
const mentors = [
  slack('U0ASHA', 'Asha Verma'),
  slack('U0BRAM', 'Bram Okonjo'),
  slack('U0CELY', 'Celyn Marsh'),
  slack('U0DEVI', 'Devika Rao'),
  slack('U0EWAN', 'Ewan Pryce'),
  slack('U0FENN', 'Fenna Adair'),
];
const [asha, bram, celyn] = mentors as [PlatformUser, PlatformUser, PlatformUser];
const denied = [
  'Asha',
  'Verma',
  'Bram',
  'Okonjo',
  'Cora',
  'Lindqvist',
  'MS-0042',
  'MS-0077',
  'Kingsbridge Heath',
  'Harrowfield Youth Trust',
  '07700 900123',
];

const share = (user: PlatformUser, themes: string[], extra = '') =>
  submit(user, 'digest.share', {
    situation: `A young man on case MS-0042 from Kingsbridge Heath who had stopped engaging. ${extra}`,
    tried:
      'Asha Verma suggested meeting at Harrowfield Youth Trust instead of the office, and calling 07700 900123 the day before.',
    result: 'Meeting somewhere he chose made the conversation easier; Bram Okonjo said the same worked for him.',
    themes,
    tags: 'trust, venue',
    credit: user === bram ? 'name' : 'anonymous',
  });

async function seedWeek(from: string, counts: { sessions: number; escalations: [number, number, number] }) {
  const caseId = (await t.deps.db.case.findUnique({ where: { code: 'MS-0042' } }))?.id ?? randomUUID();
  await t.deps.db.case.upsert({ where: { code: 'MS-0042' }, create: { id: caseId, code: 'MS-0042' }, update: {} });
  await t.deps.db.case.upsert({
    where: { code: 'MS-0077' },
    create: { id: randomUUID(), code: 'MS-0077' },
    update: {},
  });
  const mentor = await memberId(asha);
  const at = new Date(`${from}T12:00:00Z`);
  for (let i = 0; i < counts.sessions; i++) {
    await t.deps.db.mentoringSession.create({
      data: { id: randomUUID(), caseId, mentorId: mentor, status: 'ended', startedAt: at, endedAt: at },
    });
  }
  const tierNames = ['P1', 'P2', 'P3'] as const;
  for (const [i, n] of counts.escalations.entries()) {
    for (let k = 0; k < n; k++) {
      await t.deps.db.escalation.create({
        data: {
          id: randomUUID(),
          tier: tierNames[i]!,
          category: 'other',
          reporterId: mentor,
          policy: {},
          raisedAt: at,
          deadlineAt: at,
          clientTold: 'yes',
          detailsEnc: 'sealed',
        },
      });
    }
  }
}

/** Whether a reader could narrow a "fewer than 10" tier below 0-9 from the tiers and total shown. */
function narrowable(labels: Shown[], total: Shown): boolean {
  const range = (s: Shown, isTotal: boolean): [number, number] =>
    s.kind === 'count'
      ? [Math.max(10, s.value - 2), s.value + 2]
      : s.kind === 'fewer-than'
        ? [0, 9]
        : [isTotal ? 0 : 10, 1e9];
  const [tlo, thi] = range(total, true);
  return labels.some((label, i) => {
    if (label.kind !== 'fewer-than') return false;
    const others = labels.filter((_, j) => j !== i).map((l) => range(l, false));
    const lo = others.reduce((a, r) => a + r[0], 0);
    const hi = others.reduce((a, r) => a + r[1], 0);
    return [0, 9].some((x) => x + hi < tlo || x + lo > thi);
  });
}

const learning = async () => (await owedMessages(t.deps)).filter((o) => o.channel === 'learning');

/** Cora (a coordinator) and the six mentors join, and the week of 2026-11-16 gets its sessions and escalations. */
async function join() {
  await run(cora, 'help');
  await t.deps.db.member.update({ where: { id: await memberId(cora) }, data: { roles: ['coordinator'] } });
  for (const m of mentors) await run(m, 'help');
  await seedWeek('2026-11-17', { sessions: 7, escalations: [2, 30, 30] });
}

// The story of two weeks, as stages. Each test asks for the stage it starts from: the bot the previous
// test left, when that test ended exactly there (or earlier: the missing steps are taken), otherwise a
// fresh bot on its own database brought there by the same steps the earlier tests take.
const stages = ['new', 'contributed', 'drafted', 'withdrawn', 'published', 'second published'] as const;
type Stage = (typeof stages)[number];
let stage: Stage | 'unknown' = 'unknown';
let digestId: string;

const steps: Record<Stage, () => Promise<void>> = {
  new: async () => {
    await t?.close();
    t = await createTestContext({
      channelPlatforms: ['slack', 'discord'],
      config: { DIGEST_DENY_PLACES: 'Kingsbridge Heath', DIGEST_DENY_ORGANISATIONS: 'Harrowfield Youth Trust' },
    });
    t.clock.set(new Date('2026-11-18T10:00:00Z')); // Wednesday of 2026-W47
  },
  contributed: async () => {
    await join();
    await share(asha, ['best_working_practices', 'barriers_to_success']);
    for (const m of mentors.slice(1, 5)) {
      t.clock.advance(60_000);
      await share(m, ['best_working_practices']);
    }
  },
  drafted: async () => {
    t.clock.set(new Date('2026-11-23T09:00:00Z'));
    await runDueJobs(t.deps);
    digestId = (await t.deps.db.digest.findFirstOrThrow()).id;
  },
  withdrawn: async () => {
    const item = await t.deps.db.contribution.findFirstOrThrow({ where: { authorId: await memberId(celyn) } });
    await click(celyn, 'digest.withdraw', item.id);
  },
  published: async () => {
    const [first, second, third, fourth] = await t.deps.db.contribution.findMany({
      where: { digestId, status: 'in_draft' },
      orderBy: { createdAt: 'asc' },
    });
    await click(cora, 'digest.approve_item', first!.id);
    await click(cora, 'digest.edit_item', second!.id);
    await submit(
      cora,
      'digest.edit_item',
      {
        text: 'Shorter: Ewan Pryce met him at Kingsbridge Heath on 12 November 2026; choosing the venue together built trust.',
      },
      { contributionId: second!.id },
    );
    await click(cora, 'digest.reject_item', third!.id);
    await click(cora, 'digest.approve_item', fourth!.id);
    await click(cora, 'digest.publish', digestId);
  },
  'second published': async () => {
    await seedWeek('2026-11-25', { sessions: 23, escalations: [3, 31, 29] });
    t.clock.set(new Date('2026-11-30T09:00:00Z'));
    await runDueJobs(t.deps);
    await click(cora, 'digest.publish', (await t.deps.db.digest.findFirstOrThrow({ where: { status: 'draft' } })).id);
  },
};

/** Brings the bot to `wanted` for the test that calls it; until `leftAt`, its stage is unknown. */
async function startAt(wanted: Stage) {
  const from = stage === 'unknown' || stages.indexOf(stage) > stages.indexOf(wanted) ? 0 : stages.indexOf(stage) + 1;
  for (const s of stages.slice(from, stages.indexOf(wanted) + 1)) await steps[s]();
  stage = 'unknown';
}
/** Where the test left the bot (called as its last line, so a failed test leaves it unknown). */
const leftAt = (s: Stage) => {
  stage = s;
};

describe('the weekly practice-sharing digest', () => {
  it('redacts a contribution before anyone sees it, and shows the contributor how it reads', async () => {
    await startAt('new');
    await join();

    expect(text(await run(cora, 'share'))).toContain('for mentors only');
    const opened = await run(asha, 'share');
    expect(opened.form?.form.id).toBe('digest.share');

    const saved = await share(asha, ['best_working_practices', 'barriers_to_success']);
    const shown = text(saved);
    expect(shown).toContain('Thank you for sharing');
    for (const word of denied) expect(shown).not.toContain(word);
    for (const m of mentors.slice(1, 5)) {
      t.clock.advance(60_000);
      await share(m, ['best_working_practices']);
    }
    const stored = await t.deps.db.contribution.findMany();
    expect(stored).toHaveLength(5);
    expect(stored.every((c) => c.status === 'submitted' && !c.textEnc.includes('Kingsbridge'))).toBe(true);
    leftAt('contributed');
  });

  it('offers a debrief’s learning in one click, only from the mentor’s own debrief', async () => {
    await startAt('contributed');
    const debriefId = randomUUID();
    await t.deps.db.debrief.create({
      data: {
        id: debriefId,
        authorId: await memberId(celyn),
        caseCode: 'MS-0077',
        sessionDate: new Date('2026-11-17'),
        sessionWent: 'well',
        feeling: 4,
        flagConcern: false,
      },
    });
    const opened = await click(celyn, 'digest.share_from_debrief', debriefId);
    expect(opened.form).toMatchObject({ form: { id: 'digest.share' }, context: { sourceDebriefId: debriefId } });
    const values = {
      situation: 'A quiet first meeting.',
      tried: 'Walking side by side.',
      result: 'He talked more.',
      themes: ['understanding_service_user'],
      credit: 'anonymous',
    };
    expect(text(await submit(bram, 'digest.share', values, { sourceDebriefId: debriefId }))).toContain(
      'not one of yours',
    );
    expect(await t.deps.db.contribution.count({ where: { sourceDebriefId: debriefId } })).toBe(0);
    // Her home shows where her own item is (status only, never the text).
    expect((await t.router.home(celyn)).map((m) => m.title)).toContain('Your digest items');
    leftAt('contributed');
  });

  it('drafts the previous week on Monday 09:00 in the network time zone, tells contributors and coordinators, posts nothing', async () => {
    await startAt('contributed');
    expect(await t.deps.db.job.count({ where: { series: 'digest:weekly', status: 'pending' } })).toBe(1);
    // A changed network time zone moves the waiting occurrence; using the digest again changes nothing.
    await t.deps.db.setting.upsert({
      where: { key: 'network' },
      create: { key: 'network', value: { networkTimeZone: 'Asia/Kolkata' } },
      update: { value: { networkTimeZone: 'Asia/Kolkata' } },
    });
    await run(cora, 'digest');
    expect(
      (
        await t.deps.db.job.findFirstOrThrow({ where: { series: 'digest:weekly', status: 'pending' } })
      ).dueAt.toISOString(),
    ).toBe('2026-11-23T03:30:00.000Z');
    await t.deps.db.setting.delete({ where: { key: 'network' } });
    await run(cora, 'digest');
    await run(cora, 'digest');
    expect(await t.deps.db.job.count({ where: { series: 'digest:weekly', status: 'pending' } })).toBe(1);
    expect(
      (
        await t.deps.db.job.findFirstOrThrow({ where: { series: 'digest:weekly', status: 'pending' } })
      ).dueAt.toISOString(),
    ).toBe('2026-11-23T09:00:00.000Z');
    t.clock.set(new Date('2026-11-23T08:59:00Z'));
    await runDueJobs(t.deps);
    expect(await t.deps.db.digest.count()).toBe(0);
    t.clock.set(new Date('2026-11-23T09:00:00Z'));
    await runDueJobs(t.deps);
    const digest = await t.deps.db.digest.findFirstOrThrow();
    digestId = digest.id;
    expect(digest.weekStart.toISOString().slice(0, 10)).toBe('2026-11-16');
    expect(digest.status).toBe('draft');
    expect((digest.figures as unknown as Figures).sessions).toEqual({ kind: 'fewer-than', under: 10 });

    const owed = await owedMessages(t.deps);
    expect(owed.filter((o) => o.channel === 'learning')).toHaveLength(0);
    expect(owed.filter((o) => o.channel).every((o) => o.message.text.includes('joined the network'))).toBe(true);
    const ashaId = await memberId(asha);
    const toAsha = owed.find(
      (o) => o.recipientMemberId === ashaId && o.message.buttons?.some((b) => b.actionId === 'digest.withdraw'),
    );
    expect(toAsha?.message.text).toContain('2026-W47');
    const coraId = await memberId(cora);
    const toCora = owed.filter((o) => o.recipientMemberId === coraId);
    expect(toCora.some((o) => o.message.buttons?.some((b) => b.actionId === 'digest.publish'))).toBe(true);
    expect(toCora.some((o) => everything(o.message).includes('Sessions logged: fewer than 10'))).toBe(true);
    // Nothing deny-listed reaches anyone: contributors, coordinators, or a reply.
    for (const o of owed.filter((o) => !o.channel))
      for (const word of denied) expect(everything(o.message)).not.toContain(word);
    expect((await t.router.home(cora)).find((m) => m.title === 'Digest draft 2026-W47')?.text).toContain(
      '5 item(s), 5 waiting',
    );
    const draft = await run(cora, 'digest', { week: 'draft' });
    expect(draft.messages.length).toBe(6);
    for (const word of denied) expect(text(draft)).not.toContain(word);
    leftAt('drafted');
  });

  it('refuses a mentor who tries to approve or publish, and nothing reaches a channel', async () => {
    await startAt('drafted');
    const item = (await t.deps.db.contribution.findFirstOrThrow({ where: { authorId: await memberId(celyn) } })).id;
    expect(text(await click(celyn, 'digest.approve_item', item))).toContain('for coordinators only');
    expect(text(await click(celyn, 'digest.publish', digestId))).toContain('for coordinators only');
    expect(text(await run(celyn, 'digest', { week: 'draft' }))).toContain('coordinators only');
    expect((await t.deps.db.contribution.findUniqueOrThrow({ where: { id: item } })).status).toBe('in_draft');
    // Two buttons refused by their precondition, and the draft refused by the command: all for the role.
    expect(
      await t.deps.db.event.count({
        where: { kind: 'access.refused', actorId: await memberId(celyn), data: { path: ['reason'], equals: 'role' } },
      }),
    ).toBe(3);
    expect(text(await click(cora, 'digest.publish', digestId))).toContain('still need a decision');
    expect(await learning()).toHaveLength(0);
    leftAt('drafted');
  });

  it('lets a contributor withdraw their own item before publication, and nobody else', async () => {
    await startAt('drafted');
    const coraId = await memberId(cora);
    const bramItem = (await t.deps.db.contribution.findFirstOrThrow({ where: { authorId: await memberId(bram) } })).id;
    expect(text(await click(celyn, 'digest.withdraw', bramItem))).toContain('Only the member who offered');
    const celynItem = (await t.deps.db.contribution.findFirstOrThrow({ where: { authorId: await memberId(celyn) } }))
      .id;
    expect(text(await click(celyn, 'digest.withdraw', celynItem))).toContain('Your item is withdrawn');
    expect((await t.deps.db.contribution.findUniqueOrThrow({ where: { id: celynItem } })).status).toBe('withdrawn');
    const updates = (await owedMessages(t.deps)).filter((o) => o.kind === 'update');
    expect(updates.find((o) => o.logicalKey === `digest.item:${celynItem}`)?.message.text).toContain(
      'You withdrew this item',
    );
    expect(
      updates.some((o) => o.recipientMemberId === coraId && o.message.title?.includes('withdrawn by the contributor')),
    ).toBe(true);
    expect(text(await click(cora, 'digest.approve_item', celynItem))).toContain('withdrew');
    leftAt('withdrawn');
  });

  it('a coordinator approves, edits (redacted again) and rejects, then publishes with the chart; all on the audit log', async () => {
    await startAt('withdrawn');
    const items = await t.deps.db.contribution.findMany({
      where: { digestId, status: 'in_draft' },
      orderBy: { createdAt: 'asc' },
    });
    const [first, second, third, fourth] = items as [
      (typeof items)[0],
      (typeof items)[0],
      (typeof items)[0],
      (typeof items)[0],
    ];
    expect(text(await click(cora, 'digest.approve_item', first.id))).toContain('approved');
    const edit = await click(cora, 'digest.edit_item', second.id);
    expect(edit.form?.form.id).toBe('digest.edit_item');
    for (const word of denied) expect(edit.form?.initial?.text ?? '').not.toContain(word);
    await submit(
      cora,
      'digest.edit_item',
      {
        text: 'Shorter: Ewan Pryce met him at Kingsbridge Heath on 12 November 2026; choosing the venue together built trust.',
      },
      { contributionId: second.id },
    );
    const edited = await t.deps.db.contribution.findUniqueOrThrow({ where: { id: second.id } });
    expect(edited.status).toBe('approved');
    const finalText = await t.deps.vault.open(t.deps.db, edited.finalEnc!, {
      table: 'Contribution',
      column: 'finalEnc',
      rowId: edited.id,
    });
    expect(finalText).not.toMatch(/Ewan|Pryce|Kingsbridge/);
    expect(text(await click(cora, 'digest.reject_item', third.id))).toContain('left out');
    await click(cora, 'digest.approve_item', fourth.id);
    expect(await learning()).toHaveLength(0);

    const published = await click(cora, 'digest.publish', digestId);
    expect(text(published)).toContain('Published the digest for 2026-W47');
    const posts = await learning();
    const headers = posts.filter((p) => p.message.image);
    expect(headers.map((p) => p.platform).sort()).toEqual(['discord', 'slack']);
    const onSlack = posts.filter((p) => p.platform === 'slack');
    expect(onSlack).toHaveLength(4); // the figures and chart, then one message per published item
    expect(posts.every((p) => `${p.message.title ?? ''}\n${p.message.text}`.length <= 2000)).toBe(true);
    const post = headers[0]!.message;
    expect(post.text).toContain('Sessions logged: fewer than 10');
    expect(post.image?.png.length).toBeGreaterThan(1000);
    expect(post.image!.png.length).toBeLessThan(200_000); // about 48 KB of PNG: small enough to ride in the sealed outbox row
    expect(Buffer.from(post.image!.png, 'base64').subarray(1, 4).toString()).toBe('PNG');
    const all = onSlack.map((p) => everything(p.message)).join('\n');
    for (const word of denied) expect(all.replace('— shared by Bram Okonjo', '')).not.toContain(word);
    expect(all).toContain('— shared by Bram Okonjo'); // credit by name is the contributor's choice
    // Only 3 contributors approved: no theme has the 5 distinct contributors it needs.
    expect(all).not.toContain('Best working practices');
    expect(all).not.toContain('Barriers to success');

    const digest = await t.deps.db.digest.findUniqueOrThrow({ where: { id: digestId } });
    const coraId = await memberId(cora);
    expect(digest).toMatchObject({ status: 'published', approvedById: coraId, publishedById: coraId });
    expect(digest.publishedAt?.toISOString()).toBe('2026-11-23T09:00:00.000Z');
    const inDigest = await t.deps.db.contribution.findMany({ where: { digestId } });
    expect(inDigest.map((c) => c.id).sort()).toEqual([first.id, second.id, fourth.id].sort());
    const events = await t.deps.db.event.findMany({ where: { subjectId: digestId }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.kind)).toEqual(['digest.drafted', 'digest.approved', 'digest.published']);
    expect(events[1]!.actorId).toBe(coraId);
    expect((events[2]!.data as { contributionIds: string[] }).contributionIds.sort()).toEqual(
      [first.id, second.id, fourth.id].sort(),
    );
    expect(await t.deps.db.event.count({ where: { kind: 'contribution.approved', actorId: coraId } })).toBe(3);

    // The figures a reader sees cannot narrow the small P1 count below 0-9.
    const figures = digest.figures as unknown as Figures;
    expect(figures.escalations.P1).toEqual({ kind: 'fewer-than', under: 10 });
    expect(
      narrowable([figures.escalations.P1, figures.escalations.P2, figures.escalations.P3], figures.escalations.total),
    ).toBe(false);
    expect(
      narrowable(
        [
          { kind: 'fewer-than', under: 10 },
          { kind: 'count', value: 30 },
          { kind: 'count', value: 30 },
        ],
        { kind: 'count', value: 60 },
      ),
    ).toBe(true);
    leftAt('published');
  });

  it('after publication: no withdrawal, contributors told where their item went, /digest shows it', async () => {
    await startAt('published');
    const ashaItem = (await t.deps.db.contribution.findFirstOrThrow({ where: { authorId: await memberId(asha) } })).id;
    expect(text(await click(asha, 'digest.withdraw', ashaItem))).toContain('already been published');
    const owed = await owedMessages(t.deps);
    const ashaId = await memberId(asha);
    expect(
      owed.some(
        (o) =>
          o.recipientMemberId === ashaId &&
          o.message.text.includes('number 1 in the practice-sharing digest for 2026-W47'),
      ),
    ).toBe(true);
    const latest = text(await run(asha, 'digest'));
    expect(latest).toContain('Practice-sharing digest, 2026-W47');
    expect(latest).toContain('Your item is number 1');
    expect(text(await run(cora, 'digest', { week: '2026-W47' }))).toContain('Sessions logged: fewer than 10');
    expect(text(await run(cora, 'digest', { week: '2026-W40' }))).toContain('no published digest for 2026-W40');
    expect(text(await run(cora, 'digest', { week: 'last week' }))).toContain('like 2026-W47');
    leftAt('published');
  });

  it('a later week keeps the earlier labels and its own figures cannot be narrowed either', async () => {
    await startAt('published');
    await seedWeek('2026-11-25', { sessions: 23, escalations: [3, 31, 29] });
    t.clock.set(new Date('2026-11-30T09:00:00Z'));
    await runDueJobs(t.deps);
    const second = await t.deps.db.digest.findFirstOrThrow({ where: { status: 'draft' } });
    expect(second.weekStart.toISOString().slice(0, 10)).toBe('2026-11-23');
    await click(cora, 'digest.publish', second.id);
    const [w47, w48] = (await t.deps.db.digest.findMany({ orderBy: { weekStart: 'asc' } })).map(
      (d) => d.figures as unknown as Figures,
    ) as [Figures, Figures];
    expect(w48.sessions).toEqual({ kind: 'count', value: 25 });
    expect(narrowable([w48.escalations.P1, w48.escalations.P2, w48.escalations.P3], w48.escalations.total)).toBe(false);
    expect(text(await run(bram, 'digest'))).toContain('2026-W48');
    expect(text(await run(bram, 'digest', { week: '2026-w47' }))).toContain('Sessions logged: fewer than 10');
    // Published labels of earlier weeks are held: recomputing with them changes nothing already shown.
    const again = publishFigures(
      {
        sessions: 23,
        debriefs: 0,
        supervisionAnswered: 0,
        answerMinutes: [],
        escalations: { P1: 3, P2: 31, P3: 29 },
        checkins: 0,
      },
      [
        {
          counts: {
            sessions: 7,
            debriefs: 0,
            supervisionAnswered: 0,
            answerMinutes: [],
            escalations: { P1: 2, P2: 30, P3: 30 },
            checkins: 0,
          },
          figures: w47,
        },
      ],
    );
    expect(again).toEqual(w48);
    leftAt('second published');
  });

  it('an unpublished draft is superseded by the next week’s, and its open items move there', async () => {
    await startAt('second published');
    t.clock.set(new Date('2026-12-02T10:00:00Z'));
    await share(celyn, ['impact_outcomes']);
    t.clock.set(new Date('2026-12-07T09:00:00Z'));
    await runDueJobs(t.deps);
    const w49 = await t.deps.db.digest.findFirstOrThrow({ where: { status: 'draft' } });
    const item = await t.deps.db.contribution.findFirstOrThrow({ where: { digestId: w49.id } });
    t.clock.set(new Date('2026-12-14T09:00:00Z'));
    await runDueJobs(t.deps);
    expect((await t.deps.db.digest.findUniqueOrThrow({ where: { id: w49.id } })).status).toBe('superseded');
    const w50 = await t.deps.db.digest.findFirstOrThrow({ where: { status: 'draft' } });
    expect(w50.weekStart.toISOString().slice(0, 10)).toBe('2026-12-07');
    expect((await t.deps.db.contribution.findUniqueOrThrow({ where: { id: item.id } })).digestId).toBe(w50.id);
    expect(text(await click(cora, 'digest.publish', w49.id))).toContain('replaced by a newer one');
    expect((await learning()).filter((o) => o.message.text.includes('2026-W49'))).toHaveLength(0);
  });
});
