// The daily cover check also tells the coordinators' channel what the background setup check
// (npm run doctor) found failing in the last day, so a broken channel or relay is not found at night.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordSetupCheck } from '../../../src/doctor/record.js';
import { enqueueJob } from '../../../src/jobs/enqueue.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { owedMessages, runDueJobs } from '../../helpers/owed.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ channelPlatforms: ['slack'] });
});
afterAll(() => t.close());

const LINE = 'Slack learning channel C0LEARN: the bot is not a member; type /invite @<the bot> in it.';
const setupNotices = async () =>
  (await owedMessages(t.deps)).filter(
    (m) => m.channel === 'coordinators' && m.message.title === 'The bot’s setup needs attention',
  );

it('names the setup checks failing since yesterday in the daily cover check, and stays quiet once they pass', async () => {
  t.clock.set('2026-11-30T07:00:00Z');
  await t.deps.db.$transaction((tx) => recordSetupCheck(tx, t.clock.now(), [{ check: 'slack.channels', line: LINE }]));
  t.clock.set('2026-11-30T08:00:00Z');
  await t.deps.db.$transaction((tx) => enqueueJob(tx, { kind: 'duty.gaps', dueAt: t.clock.now() }));
  await runDueJobs(t.deps);
  const told = await setupNotices();
  expect(told).toHaveLength(1);
  expect(told[0]?.message.text).toContain(LINE);

  t.clock.set('2026-12-01T07:00:00Z');
  await t.deps.db.$transaction((tx) => recordSetupCheck(tx, t.clock.now(), []));
  t.clock.set('2026-12-01T08:00:00Z');
  await t.deps.db.$transaction((tx) => enqueueJob(tx, { kind: 'duty.gaps', dueAt: t.clock.now() }));
  await runDueJobs(t.deps);
  expect(await setupNotices()).toHaveLength(1);
});
