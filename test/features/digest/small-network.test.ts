// The digest for a small network: DIGEST_PERIOD fortnightly or monthly (drafted when the period has
// just ended, on the injected clock), suppression thresholds as network settings down to their safe
// floors and never below, and the coordinator's preview naming everything held back and why.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformUser } from '../../../src/core/actor.js';
import type { Message } from '../../../src/core/message.js';
import { publishFigures, readFigures, type WeekCounts } from '../../../src/features/digest/counts.js';
import { describe as describeShown, withPublishableThemes } from '../../../src/features/digest/suppression.js';
import { createTestContext } from '../../helpers/deps.js';
import { owedMessages, runDueJobs } from '../../helpers/owed.js';

const slack = (id: string, displayName: string): PlatformUser => ({
  platform: 'slack',
  platformUserId: id,
  displayName,
});
const everything = (m: Message) =>
  [m.title ?? '', m.text, ...(m.fields ?? []).map((f) => `${f.label}: ${f.value}`)].join('\n');
const cora = slack('U0CORA', 'Cora Lindqvist');

/** A bot on its own database with `env`, a coordinator, and short-hands for what members do. */
async function network(env: Record<string, string>) {
  const t = await createTestContext({ channelPlatforms: ['slack'], config: env });
  let seq = 0;
  const run = (
    user: PlatformUser,
    command: string,
    options: Record<string, string | number> = {},
    subcommand?: string,
  ) => t.router.dispatch({ kind: 'command', id: `c${++seq}`, user, command, subcommand, options });
  const click = (user: PlatformUser, actionId: string, value: string) =>
    t.router.dispatch({ kind: 'action', id: `a${++seq}`, user, actionId, value });
  const memberId = async (user: PlatformUser) =>
    (
      await t.deps.db.member.findFirstOrThrow({
        where: { identities: { some: { platformUserId: user.platformUserId } } },
      })
    ).id;
  await run(cora, 'help');
  await t.deps.db.member.update({ where: { id: await memberId(cora) }, data: { roles: ['coordinator', 'admin'] } });
  /** Moves the clock to `at` and runs what falls due; returns the drafts made. */
  const runAt = async (at: string) => {
    const before = await t.deps.db.digest.findMany({ select: { id: true } });
    t.clock.set(new Date(at));
    await runDueJobs(t.deps);
    return t.deps.db.digest.findMany({ where: { id: { notIn: before.map((d) => d.id) } } });
  };
  return { t, run, click, memberId, runAt };
}

type Network = Awaited<ReturnType<typeof network>>;
const day = (d: Date) => d.toISOString().slice(0, 10);

describe('a fortnightly digest', () => {
  let n: Network;
  beforeAll(async () => {
    n = await network({ DIGEST_PERIOD: 'fortnightly' });
    n.t.clock.set(new Date('2026-11-18T10:00:00Z'));
    await n.run(cora, 'digest');
  });
  afterAll(() => n?.t.close());

  it('drafts every second Monday at 09:00, each draft covering the two weeks just ended', async () => {
    expect(await n.runAt('2026-11-23T09:00:00Z')).toEqual([]);
    const [first, ...more] = await n.runAt('2026-11-30T09:00:00Z');
    expect(more).toEqual([]);
    expect({ start: day(first!.weekStart), period: first!.period }).toEqual({
      start: '2026-11-16',
      period: 'fortnightly',
    });
    expect(await n.runAt('2026-12-07T09:00:00Z')).toEqual([]);
    const [second] = await n.runAt('2026-12-14T09:00:00Z');
    expect(day(second!.weekStart)).toBe('2026-11-30');
    const preview = (await owedMessages(n.t.deps)).find((o) =>
      o.message.title?.startsWith('Digest draft for 2026-W47'),
    );
    expect(preview?.message.title).toBe('Digest draft for 2026-W47–W48 (16–29 November 2026)');
    expect(preview?.message.text).toContain('The digest of the fortnight is drafted');
  });
});

describe('a monthly digest for a network of 12 mentors, thresholds at the floors', () => {
  let n: Network;
  const mentors = Array.from({ length: 12 }, (_, i) =>
    slack(`U0M${String(i).padStart(3, '0')}`, `Mentor ${String.fromCharCode(65 + i)}`),
  );
  let draftId: string;
  const share = (m: PlatformUser, themes: string[]) =>
    n.t.router.dispatch({
      kind: 'submit',
      id: randomUUID(),
      user: m,
      formId: 'digest.share',
      values: {
        situation: 'A quiet first meeting.',
        tried: 'Walking side by side.',
        result: 'He talked more.',
        themes,
        credit: 'anonymous',
      },
      context: {},
    });
  /** November's work: 7 sessions, three items on one theme and one on another. */
  const seedNovember = async () => {
    const caseId = randomUUID();
    await n.t.deps.db.case.create({ data: { id: caseId, code: 'MS-0101' } });
    const at = new Date('2026-11-12T12:00:00Z');
    for (let i = 0; i < 7; i++)
      await n.t.deps.db.mentoringSession.create({
        data: {
          id: randomUUID(),
          caseId,
          mentorId: await n.memberId(mentors[i]!),
          status: 'ended',
          startedAt: at,
          endedAt: at,
        },
      });
    for (const m of mentors.slice(0, 3)) await share(m, ['barriers_to_success']);
    await share(mentors[3]!, ['impact_outcomes']);
  };
  const saveFloors = () =>
    n.run(cora, 'network', { digest_count_under: 5, digest_rounding: 5, digest_theme_contributors: 3 }, 'settings');

  // The month as stages. Each test asks for the stage it starts from: the network the previous test
  // left, when that test ended there or earlier (the missing steps are taken), otherwise a new one.
  const stages = ['joined', 'floors saved', 'drafted'] as const;
  type Stage = (typeof stages)[number];
  let stage: Stage | 'unknown' = 'unknown';
  const steps: Record<Stage, () => Promise<void>> = {
    joined: async () => {
      await n?.t.close();
      n = await network({ DIGEST_PERIOD: 'monthly' });
      n.t.clock.set(new Date('2026-11-02T10:00:00Z'));
      await n.run(cora, 'digest');
      for (const m of mentors) await n.run(m, 'help');
    },
    'floors saved': async () => {
      await saveFloors();
    },
    drafted: async () => {
      await seedNovember();
      await n.runAt('2026-11-30T09:00:00Z');
      draftId = (await n.runAt('2026-12-07T09:00:00Z'))[0]!.id;
      await n.runAt('2026-12-14T09:00:00Z');
    },
  };
  /** Brings the network to `wanted` for the test that calls it; until `leftAt`, its stage is unknown. */
  const startAt = async (wanted: Stage) => {
    const from = stage === 'unknown' || stages.indexOf(stage) > stages.indexOf(wanted) ? 0 : stages.indexOf(stage) + 1;
    for (const s of stages.slice(from, stages.indexOf(wanted) + 1)) await steps[s]();
    stage = 'unknown';
  };
  /** Where the test left the network (its last line, so a failed test leaves it unknown). */
  const leftAt = (s: Stage) => {
    stage = s;
  };
  afterAll(() => n?.t.close());

  it('refuses thresholds below their safe floors, naming each floor, and changes nothing', async () => {
    await startAt('joined');
    const refused = await n.run(cora, 'network', { digest_count_under: 4, digest_theme_contributors: 2 }, 'settings');
    const said = refused.messages.map((m) => m.text).join('\n');
    expect(said).toContain(
      'Counts under 5 are always suppressed: the count threshold cannot go below 5 (its safe floor).',
    );
    expect(said).toContain('A theme needs at least 3 distinct contributors before it is named (its safe floor).');
    expect(said).toContain('Nothing was changed.');
    expect((await n.run(cora, 'network', { digest_rounding: 1 }, 'settings')).messages[0]!.text).toContain(
      'Counts are always rounded, to the nearest 5 or 10: 5 is the safe floor.',
    );
    expect(await n.t.deps.db.setting.findUnique({ where: { key: 'network' } })).toBeNull();
    expect((await n.run(mentors[0]!, 'network', { digest_count_under: 5 }, 'settings')).messages[0]!.text).toContain(
      'coordinators and admins only',
    );
    leftAt('joined');
  });

  it('takes the floors from a coordinator', async () => {
    await startAt('joined');
    const saved = await saveFloors();
    expect(saved.messages[0]!.text).toContain(
      'Digest thresholds saved: counts under 5 are shown as "fewer than 5", others rounded to the nearest 5; a theme is named with 3 or more contributors',
    );
    leftAt('floors saved');
  });

  it('drafts on the first Monday of the month, for the calendar month before', async () => {
    await startAt('floors saved');
    await seedNovember();

    expect(await n.runAt('2026-11-30T09:00:00Z')).toEqual([]);
    const [november] = await n.runAt('2026-12-07T09:00:00Z');
    expect({ start: day(november!.weekStart), period: november!.period }).toEqual({
      start: '2026-11-01',
      period: 'monthly',
    });
    expect(await n.runAt('2026-12-14T09:00:00Z')).toEqual([]);
    draftId = november!.id;
    leftAt('drafted');
  });

  it("shows the coordinator's preview: what would be published, and each item held back with its reason", async () => {
    await startAt('drafted');
    const [preview] = (await n.run(cora, 'digest', { week: 'draft' })).messages;
    const shown = everything(preview!);
    expect(preview!.title).toBe('Digest draft for 2026-11 (1–30 November 2026)');
    expect(shown).toContain('Sessions logged: 5');
    expect(shown).toContain('Themes that would be named (items not rejected): Barriers to success (3 contributors).');
    expect(preview!.fields).toEqual(
      expect.arrayContaining([
        { label: 'Debriefs', value: 'shown as "fewer than 5": a count under 5 is never shown' },
        { label: 'Median time to answer', value: 'not shown: fewer than 5 requests were answered' },
        { label: 'Escalations P1', value: 'shown as "fewer than 5": a count under 5 is never shown' },
        { label: 'Theme: Impact and outcomes', value: 'left off: 1 contributor(s); a theme needs 3' },
      ]),
    );
    expect(preview!.fields!.map((f) => f.label)).not.toContain('Sessions logged');
    expect(preview!.buttons?.[0]).toMatchObject({ actionId: 'digest.publish', value: draftId });
    leftAt('drafted');
  });

  it('publishes the figures and the theme that the cautious defaults would suppress', async () => {
    await startAt('drafted');
    for (const item of await n.t.deps.db.contribution.findMany({ where: { digestId: draftId } }))
      await n.click(cora, 'digest.approve_item', item.id);
    expect(everything((await n.click(cora, 'digest.publish', draftId)).messages[0]!)).toContain(
      'Published the digest for 2026-11',
    );
    const [post] = (await owedMessages(n.t.deps)).filter((o) => o.channel === 'learning' && o.message.image);
    expect(post!.message.text).toContain(
      'The month in numbers (rounded to the nearest 5; a count under 5 is shown only as "fewer than 5")',
    );
    expect(post!.message.text).toContain('Sessions logged: 5');
    const items = (await owedMessages(n.t.deps))
      .filter((o) => o.channel === 'learning' && !o.message.image)
      .map((o) => o.message.text);
    expect(items.filter((text) => text.includes('Themes: Barriers to success'))).toHaveLength(3);
    expect(items.join('\n')).not.toContain('Impact and outcomes');

    // The same month by the defaults: the count and the theme would both be held back.
    const counts: WeekCounts = {
      sessions: 7,
      debriefs: 0,
      supervisionAnswered: 0,
      answerMinutes: [],
      escalations: { P1: 0, P2: 0, P3: 0 },
      checkins: 0,
    };
    expect(describeShown(publishFigures(counts, []).sessions)).toBe('fewer than 10');
    expect(
      describeShown(
        readFigures((await n.t.deps.db.digest.findUniqueOrThrow({ where: { id: draftId } })).figures).sessions,
      ),
    ).toBe('5');
    const threeContributors = mentors
      .slice(0, 3)
      .map((m) => ({ contributorId: m.platformUserId, themes: ['barriers_to_success'] }));
    expect(withPublishableThemes(threeContributors).flatMap((i) => i.themes)).toEqual([]);
    expect(await n.t.deps.db.digest.count({ where: { status: 'published', period: 'monthly' } })).toBe(1);
    expect((await n.run(mentors[0]!, 'digest', { week: '2026-11' })).messages[0]!.text).toContain(
      'Practice-sharing digest, 2026-11 (1–30 November 2026)',
    );
  });
});
