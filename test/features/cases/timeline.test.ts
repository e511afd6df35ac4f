// One chronology per case: what coordinators and the assigned mentor see, the agreement review and
// closure as re-assessments, paging, the export, and that no free text ever reaches a reply.
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { Outcome } from '../../../src/core/router.js';
import { timelineMessage } from '../../../src/features/cases/messages.js';
import { assessmentChange, describeChange } from '../../../src/features/cases/policy.js';
import { exportCase } from '../../../src/features/governance/case-export.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { owedMessages, runDueJobs } from '../../helpers/owed.js';
import { driver, slack, text } from './setup.js';

let t: TestContext;
let d: ReturnType<typeof driver>;
const coord = slack('U-COORD', 'Cam');
const ana = slack('U-ANA', 'Ana');
const ben = slack('U-BEN', 'Ben');
const cy = slack('U-CY', 'Cy');
let ids: Record<string, string> = {};
/** One database with the members joined; tests run against whichever `use` picked. */
interface World {
  t: TestContext;
  d: ReturnType<typeof driver>;
  ids: Record<string, string>;
}
const use = (w: World) => {
  ({ t, d, ids } = w);
};

// Invented free text: none of it may appear in any timeline reply.
const FLAGGED_NOTES = 'Talked about the Riverside gym crowd again';
const INCREASED_NOTES = 'Brother back home, tension high';
const QUIET_NOTES = 'Played pool, talked football';
const DETAILS = 'Followed me to the bus stop after the session';
const CONTACT = '07700 900123';
const RESOLVE_NOTE = 'Spoke with the team lead; mentor walked to the station';
const SAFETY = 'Back room of the Old Oak cafe';
const FREE_TEXT = [FLAGGED_NOTES, INCREASED_NOTES, QUIET_NOTES, DETAILS, CONTACT, RESOLVE_NOTE, SAFETY];
const seen: string[] = [];

/** Everything a reply shows, one line per field, remembered for the free-text check. */
const shown = (o: Outcome) => {
  const all = o.messages
    .flatMap((m) => [m.title ?? '', m.text, ...(m.fields ?? []).map((f) => `${f.label} | ${f.value}`)])
    .join('\n');
  seen.push(all);
  return all;
};
const timeline = (user = coord, code = 'MS-0001', page?: number) =>
  d.run(user, 'case', 'timeline', page ? { case: code, page } : { case: code });
/** Every page, so entries added by other features never push ours out of sight. */
async function wholeTimeline(user = coord, code = 'MS-0001') {
  const first = shown(await timeline(user, code));
  const pages = Number(/page 1 of (\d+)/.exec(first)?.[1] ?? 1);
  const rest = [];
  for (let page = 2; page <= pages; page++) rest.push(shown(await timeline(user, code, page)));
  return [first, ...rest].join('\n');
}
const at = (iso: string) => t.clock.set(iso);
const plan = (user: typeof ana, start: string) =>
  d.submit(user, 'session.plan', {
    caseCode: 'MS-0001',
    start,
    expectedMinutes: '60',
    venueType: 'community',
    paired: 'no',
    safetyNotes: SAFETY,
  });
const debrief = (user: typeof ana, values: Record<string, string>) =>
  d.submit(user, 'debrief', { caseCode: 'MS-0001', sessionDate: 'today', feeling: '2', ...values });

async function newWorld(): Promise<World> {
  const wt = await createTestContext({ channelPlatforms: ['slack'] });
  const wd = driver(wt);
  const w: World = {
    t: wt,
    d: wd,
    ids: {
      coord: await wd.join(coord, ['coordinator']),
      ana: await wd.join(ana),
      ben: await wd.join(ben),
      cy: await wd.join(cy),
    },
  };
  use(w);
  return w;
}

/**
 * The life of MS-0001 (and MS-0002 opened beside it), told once per database: opening, assignments,
 * sessions held, missed and cancelled, debriefs, an escalation and a review. Returns what each step
 * answered, for the test that checks them.
 */
async function tellStory() {
  at('2026-11-23T09:00:00Z');
  const firstCode = await d.openCase(coord);
  const secondCode = await d.openCase(coord);
  await d.run(coord, 'case', 'assign', { case: 'MS-0001', member: 'Ana' });
  await d.run(coord, 'case', 'assign', { case: 'MS-0001', member: 'Ben', role: 'co_mentor' });
  await d.run(coord, 'case', 'assign', { case: 'MS-0002', member: 'Cy' });

  // Ana: a session held and debriefed (flagged), an unplanned one the client missed, one cancelled.
  at('2026-11-23T09:05:00Z');
  await plan(ana, '2026-11-23 10:00');
  at('2026-11-23T10:00:00Z');
  await d.run(ana, 'session', 'start', { case: 'MS-0001' });
  at('2026-11-23T11:00:00Z');
  await d.run(ana, 'session', 'end', { case: 'MS-0001' });
  at('2026-11-23T11:30:00Z');
  const flaggedDebrief = text(
    await debrief(ana, {
      sessionWent: 'mixed',
      engagement: 'active',
      riskChange: 'same',
      flagConcern: 'yes',
      notes: FLAGGED_NOTES,
    }),
  );
  at('2026-11-23T11:40:00Z');
  const quietDebrief = text(
    await debrief(ben, { sessionWent: 'well', flagConcern: 'no', feeling: '4', notes: QUIET_NOTES }),
  );
  at('2026-11-23T12:00:00Z');
  await d.submit(ana, 'escalate', {
    category: 'risk_to_mentor',
    caseCode: 'MS-0001',
    details: DETAILS,
    clientTold: 'no',
    contact: CONTACT,
  });
  const escalation = await t.deps.db.escalation.findFirstOrThrow();
  at('2026-11-23T12:05:00Z');
  await d.click(coord, 'escalation.ack', escalation.id);
  at('2026-11-23T12:30:00Z');
  await d.submit(
    coord,
    'escalation.resolve',
    { outcome: 'safe_no_further_action', note: RESOLVE_NOTE },
    { escalationId: escalation.id },
  );
  at('2026-11-23T13:00:00Z');
  await plan(ben, '2026-11-24 10:00');
  await plan(ana, '2026-11-25 10:00');
  // No command cancels a session yet; the status exists, and the timeline shows it.
  await t.deps.db.mentoringSession.updateMany({
    where: { mentorId: ids.ana, plannedStart: new Date('2026-11-25T10:00:00Z') },
    data: { status: 'cancelled' },
  });
  at('2026-11-24T09:00:00Z');
  await d.run(ana, 'session', 'end', { case: 'MS-0001' });
  at('2026-11-24T09:10:00Z');
  await debrief(ana, {
    sessionWent: 'did_not_attend',
    riskChange: 'increased',
    flagConcern: 'no',
    notes: INCREASED_NOTES,
  });

  at('2026-11-24T11:30:00Z');
  const beforeReview = await wholeTimeline();
  at('2026-11-24T12:01:00Z');
  const review = await d.run(ana, 'case', 'review', { case: 'MS-0001' });
  const reviewed =
    review.form?.context &&
    (await d.submit(
      ana,
      'case.review',
      {
        attendance: 'patchy',
        agreementRevised: 'yes',
        riskLevel: 'low',
        riskFactors: ['online_influence', 'substance_use'],
      },
      review.form.context,
    ));
  const reviewedShown = reviewed ? shown(reviewed) : '';
  const reviewsRecorded = await t.deps.db.event.count({ where: { kind: 'case.reviewed' } });
  const all = await wholeTimeline();
  return {
    firstCode,
    secondCode,
    flaggedDebrief,
    quietDebrief,
    beforeReview,
    review,
    reviewedShown,
    reviewsRecorded,
    all,
  };
}

/** The shared database: the story told, MS-0001 still open. */
let storyWorld: World;
let story: Awaited<ReturnType<typeof tellStory>>;
/** A second database where the story is told and MS-0001 then closed, made once when first needed. */
let closedWorldMade: Promise<World> | undefined;
const closedWorld = () => {
  closedWorldMade ??= (async () => {
    const w = await newWorld();
    await tellStory();
    at('2026-11-24T14:00:00Z');
    const form = await d.run(coord, 'case', 'close', { case: 'MS-0001' });
    await d.submit(
      coord,
      'case.close',
      { outcome: 'desisted', positiveSteps: ['work'], riskLevel: 'low', riskFactors: ['substance_use'] },
      form.form!.context!,
    );
    return w;
  })();
  return closedWorldMade;
};

beforeAll(async () => {
  storyWorld = await newWorld();
  story = await tellStory();
});
beforeEach(() => use(storyWorld));
afterAll(async () => {
  await storyWorld?.t.close();
  if (closedWorldMade) await (await closedWorldMade).t.close();
});

describe('assessment change (policy)', () => {
  it('names the level change and each factor added or removed, or says there is none', () => {
    const baseline = { riskLevel: 'medium', riskFactors: ['isolation', 'online_influence'] };
    const review = { riskLevel: 'low', riskFactors: ['online_influence', 'substance_use'] };
    expect(assessmentChange(baseline, review)).toEqual({
      level: { from: 'medium', to: 'low' },
      added: ['substance_use'],
      removed: ['isolation'],
    });
    expect(describeChange(assessmentChange(baseline, review))).toBe(
      'risk level medium → low, + Drug or alcohol use, − Isolation or lack of belonging',
    );
    expect(
      describeChange(
        assessmentChange(review, { riskLevel: 'low', riskFactors: ['substance_use', 'online_influence'] }),
      ),
    ).toBe('no change');
    expect(describeChange(assessmentChange(review, { riskLevel: 'high', riskFactors: [] }))).toBe(
      'risk level low → high, − Influenced online, − Drug or alcohol use',
    );
    expect(assessmentChange(null, { riskLevel: 'high', riskFactors: ['housing'] })).toEqual({
      level: undefined,
      added: ['housing'],
      removed: [],
    });
  });

  it('dates entries in the network’s time zone', () => {
    const message = timelineMessage({
      code: 'MS-0042',
      own: false,
      zone: 'Europe/Berlin',
      page: 1,
      pages: 1,
      entries: [{ at: new Date('2026-07-01T08:00:00Z'), title: 'Debrief', detail: 'flagged: no' }],
    });
    expect(message.fields).toEqual([{ label: '2026-07-01 10:00 Debrief', value: 'flagged: no' }]);
  });
});

describe('/case timeline', () => {
  it('gathers a case’s life: opening, assignments, sessions held, missed and cancelled, debriefs, an escalation and a review', async () => {
    expect(story.firstCode).toBe('MS-0001');
    expect(story.secondCode).toBe('MS-0002');
    expect(story.flaggedDebrief).toContain('is saved');
    expect(story.quietDebrief).toContain('is saved');
    expect(story.beforeReview).toContain(
      '2026-11-24 10:00 Session planned | 60 minutes; Community venue (café, centre, library); with Ben',
    );
    const review = story.review;
    expect(review.form?.form.id).toBe('case.review');
    expect(story.reviewedShown).toContain(
      'Since the last assessment: risk level medium → low, + Drug or alcohol use, − Isolation or lack of belonging.',
    );
    expect(story.reviewsRecorded).toBe(1);

    const all = story.all;
    for (const line of [
      '2026-11-23 09:00 Case opened | referral type: Violent extremism (any ideology); baseline risk level medium; factors: Isolation or lack of belonging, Influenced online',
      '2026-11-23 09:00 Assigned | Ana as mentor',
      '2026-11-23 09:00 Assigned | Ben as co-mentor',
      '2026-11-23 10:00 Session held | 60 minutes; Community venue (café, centre, library); with Ana',
      '2026-11-23 11:30 Debrief | session on 2026-11-23; Mixed; engagement: active; risk: about the same; flagged: yes; by Ana',
      '2026-11-23 11:40 Debrief | session on 2026-11-23; It went well; flagged: no; by Ben',
      '2026-11-23 12:00 Escalation #1 raised | P2; Risk to the mentor; by Ana; now resolved',
      '2026-11-23 12:05 Escalation #1 acknowledged | P2; Risk to the mentor; by Cam',
      '2026-11-23 12:30 Escalation #1 resolved | P2; Risk to the mentor; Safe now: no further action',
      '2026-11-24 09:00 Session missed | the debrief says they did not attend; with Ana',
      '2026-11-24 10:00 Session missed | planned, never started; Community venue (café, centre, library); with Ben',
      '2026-11-25 10:00 Session cancelled | Community venue (café, centre, library); with Ana',
      '2026-11-24 12:01 Agreement review | Patchy; agreement revised; risk level low; change: risk level medium → low, + Drug or alcohol use, − Isolation or lack of belonging',
    ]) {
      expect(all).toContain(line);
    }
    // Newest first: the cancelled session (planned for later) heads the first page.
    expect(all.split('\n').find((l) => / \| /.test(l))).toContain('2026-11-25 10:00 Session cancelled');
    expect(all).toMatch(/Concern #\d+ \| raised/);
  });

  it('shows the assigned mentor only their own entries and the concerns they raised', async () => {
    const mine = await wholeTimeline(ana);
    expect(mine).toContain('Your timeline: MS-0001');
    for (const line of [
      'Assigned | Ana as mentor',
      'Session held',
      'Debrief | session on 2026-11-23; Mixed',
      'Escalation #1 raised',
      'Session cancelled',
      'Agreement review | Patchy',
    ])
      expect(mine).toContain(line);
    expect(mine).toMatch(/Concern #\d+ \| raised/);
    for (const other of ['Ben', 'Case opened', 'It went well']) expect(mine).not.toContain(other);

    const bens = await wholeTimeline(ben);
    expect(bens).toContain('Assigned | Ben as co-mentor');
    expect(bens).toContain('Session missed | planned, never started');
    for (const other of ['Escalation', 'Concern', 'Ana', 'Agreement review']) expect(bens).not.toContain(other);
  });

  it('answers a mentor asking for another mentor’s case exactly as for a case that does not exist', async () => {
    const others = await timeline(cy, 'MS-0001');
    const missing = await timeline(cy, 'MS-0999');
    expect(shown(others)).toContain('could not find a case MS-0001');
    expect(JSON.stringify(others).replaceAll('MS-0001', '<code>')).toBe(
      JSON.stringify(missing).replaceAll('MS-0999', '<code>'),
    );
    expect(text(await timeline(cy, 'Jane Doe'))).toContain('A case code looks like MS-0042');
  });

  it('re-assesses at closure against the last review, and the timeline shows it', async () => {
    // Closing MS-0001 happens in its own database (closedWorld), so the open case stays for the others.
    use(await closedWorld());
    expect(await t.deps.db.caseReview.findMany({ where: { kind: 'closure' } })).toEqual([
      expect.objectContaining({
        riskLevel: 'low',
        riskFactors: ['substance_use'],
        attendance: null,
        agreementRevised: null,
      }),
    ]);
    const all = await wholeTimeline();
    expect(all).toContain(
      '2026-11-24 14:00 Closed | outcome: Desisted, de-escalated or reduced risk; positive steps: Work; risk level low; change: − Influenced online',
    );
    expect(all).toContain('2026-11-24 14:00 Assignment ended | Ana as mentor');
    expect(text(await d.run(ana, 'case', 'review', { case: 'MS-0001' }))).toContain('could not find a case MS-0001');
  });

  it('pages 15 entries at a time and answers a page too far kindly', async () => {
    at('2026-11-25T09:00:00Z');
    const code = await d.openCase(coord);
    for (let i = 0; i < 10; i++) {
      t.clock.advance(60_000);
      await d.run(coord, 'case', 'assign', { case: code, member: i % 2 ? 'Cy' : 'Ana' });
    }
    // Opened, ten assignments and nine of them ended: 20 entries.
    const first = await timeline(coord, code);
    expect(first.messages[0]?.fields).toHaveLength(15);
    expect(shown(first)).toContain(`page 1 of 2; /case timeline ${code} page=2 for more`);
    expect(first.messages[0]?.fields?.slice(0, 2)).toEqual([
      { label: '2026-11-25 09:10 Assignment ended', value: 'Ana as mentor' },
      { label: '2026-11-25 09:10 Assigned', value: 'Cy as mentor' },
    ]);
    const second = await timeline(coord, code, 2);
    expect(second.messages[0]?.fields).toHaveLength(5);
    expect(second.messages[0]?.fields?.at(-1)?.label).toBe('2026-11-25 09:00 Case opened');
    expect(shown(second)).toContain('page 2 of 2, the last');
    expect(shown(await timeline(coord, code, 3))).toContain(
      `there is no page 3. /case timeline ${code} page=2 shows the oldest entries`,
    );
    expect(text(await d.run(coord, 'case', 'timeline', { case: code, page: 0 }))).toContain('page should be from 1');
  });

  it('shows pauses, and puts a “Record the review” button on the review-due message, which opens the same form', async () => {
    // The jobs run in February would also act on MS-0001's story (an overdue session), so this test has
    // its own database: MS-0001 and MS-0002 opened the same morning, Cy assigned to MS-0002.
    const own = await newWorld();
    onTestFinished(() => own.t.close());
    at('2026-11-23T09:00:00Z');
    await d.openCase(coord);
    await d.openCase(coord);
    await d.run(coord, 'case', 'assign', { case: 'MS-0002', member: 'Cy' });
    at('2027-01-04T09:00:00Z');
    await d.run(coord, 'case', 'pause', { case: 'MS-0002', reason: 'custody' });
    at('2027-01-18T09:00:00Z');
    await d.run(coord, 'case', 'pause', { case: 'MS-0002', reason: 'resume' });
    const paused = await wholeTimeline(coord, 'MS-0002');
    expect(paused).toContain('2027-01-04 09:00 Paused | reason: custody');
    expect(paused).toContain('2027-01-18 09:00 Resumed | open again');
    at('2027-02-23T09:01:00Z');
    await runDueJobs(t.deps);
    const due = (await owedMessages(t.deps)).find(
      (m) => m.recipientMemberId === ids.cy && m.message.title === 'Agreement review: MS-0002',
    );
    expect(due?.message.buttons).toEqual([
      { actionId: 'case.review.record', label: 'Record the review', value: 'MS-0002' },
    ]);
    const opened = await d.click(cy, 'case.review.record', 'MS-0002');
    expect(opened.form).toMatchObject({ form: { id: 'case.review' }, context: { caseCode: 'MS-0002' } });
    expect(text(await d.click(ana, 'case.review.record', 'MS-0002'))).toContain('could not find a case MS-0002');
    expect(text(await d.click(cy, 'case.review.record', 'x; drop'))).toContain('That button is no longer valid.');
    const recorded = await d.submit(
      cy,
      'case.review',
      {
        attendance: 'good',
        agreementRevised: 'no',
        riskLevel: 'medium',
        riskFactors: ['isolation', 'online_influence'],
      },
      opened.form!.context!,
    );
    expect(shown(recorded)).toContain('Since the last assessment: no change.');
  });

  it('never shows free text: no notes, details, contact or safety notes in any reply', async () => {
    // Every viewer's timeline of both cases, whatever else has run before.
    for (const user of [coord, ana, ben, cy])
      for (const code of ['MS-0001', 'MS-0002']) await wholeTimeline(user, code);
    expect(seen.length).toBeGreaterThan(10);
    for (const reply of seen) for (const words of FREE_TEXT) expect(reply).not.toContain(words);
    for (const reply of seen) expect(reply).not.toMatch(/feeling|felt|\/5/i);
  });
});

describe('npm run export -- case', () => {
  beforeEach(async () => use(await closedWorld()));
  const exported = () => t.deps.db.event.findMany({ where: { kind: 'case.exported' }, orderBy: { id: 'asc' } });

  it('writes the coordinators’ chronology with the baseline and outcome, structured fields only, and audits it', async () => {
    const before = (await exported()).length;
    const document = await exportCase(t.deps, 'ms-0001', { withNotes: false });
    expect(document?.case).toMatchObject({
      code: 'MS-0001',
      status: 'closed',
      outcome: 'desisted',
      positiveSteps: ['work'],
      baseline: { riskLevel: 'medium', riskFactors: ['isolation', 'online_influence'] },
    });
    const coordinatorView = await wholeTimeline(coord, 'MS-0001');
    expect(document!.timeline.length).toBeGreaterThan(15);
    for (const e of document!.timeline) expect(coordinatorView).toContain(`${e.title} | ${e.detail}`);
    expect(document).not.toHaveProperty('flaggedDebriefNotes');
    for (const words of FREE_TEXT) expect(JSON.stringify(document)).not.toContain(words);
    const events = (await exported()).slice(before);
    expect(events.map((e) => e.data)).toEqual([{ withNotes: false }]);
  });

  it('with notes adds the notes of flagged debriefs only (a flag, or risk increased), and says so in the audit log', async () => {
    const before = (await exported()).length;
    const document = await exportCase(t.deps, 'MS-0001', { withNotes: true });
    expect(document?.flaggedDebriefNotes?.map((n) => n.notes).sort()).toEqual([FLAGGED_NOTES, INCREASED_NOTES].sort());
    expect(JSON.stringify(document)).not.toContain(QUIET_NOTES);
    const events = (await exported()).slice(before);
    expect(events.map((e) => e.data)).toEqual([{ withNotes: true }]);
  });

  it('finds nothing for an unknown case or a code that is not one', async () => {
    const before = (await exported()).length;
    expect(await exportCase(t.deps, 'MS-0999', { withNotes: true })).toBeUndefined();
    expect(await exportCase(t.deps, 'Jane Doe', { withNotes: false })).toBeUndefined();
    expect(await t.deps.db.event.count({ where: { kind: 'case.exported' } })).toBe(before);
  });
});
