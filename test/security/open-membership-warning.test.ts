// Security review (issue 16): open membership. With MEMBERSHIP=open anyone in a shared Slack
// workspace or Discord server becomes a mentor on first use, and a mentor can page a P1. While it is
// open and Slack or Discord runs, the bot says so: a warning in the log at start (structured, no free
// text), in /network settings, and in coordinators' and admins' home view.
import { PassThrough, Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import type { PlatformUser } from '../../src/core/actor.js';
import { ManualClock } from '../helpers/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createTestContext, testConfig, type TestContext } from '../helpers/deps.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { slackEnv } from '../helpers/slack-bot.js';

const coordinator: PlatformUser = { platform: 'slack', platformUserId: 'U0OMCOORD', displayName: 'Cora' };
const mentor: PlatformUser = { platform: 'slack', platformUserId: 'U0OMMENTOR', displayName: 'Mo' };

async function withRoles(t: TestContext) {
  for (const user of [coordinator, mentor])
    await t.router.dispatch({
      kind: 'command',
      id: `om-join-${user.platformUserId}`,
      user,
      command: 'help',
      options: {},
    });
  const cora = await t.deps.db.member.findFirstOrThrow({
    where: { identities: { some: { platformUserId: coordinator.platformUserId } } },
  });
  await t.deps.db.member.update({ where: { id: cora.id }, data: { roles: ['coordinator'] } });
}

let seq = 0;
const settings = (t: TestContext) =>
  t.router.dispatch({
    kind: 'command',
    id: `om${++seq}`,
    user: coordinator,
    command: 'network',
    subcommand: 'settings',
    options: {},
  });
/** Sets MEMBERSHIP through /network settings, as a coordinator would. */
async function setMembership(t: TestContext, membership: 'open' | 'invite') {
  const opened = await settings(t);
  await t.router.dispatch({
    kind: 'submit',
    id: `om${++seq}`,
    user: coordinator,
    formId: 'network-settings',
    values: { ...opened.form!.initial, membership },
    context: {},
  });
}
const warningIn = (home: { title?: string; text: string }[]) => home.find((m) => m.title === 'Membership is open');

describe('open membership on Slack', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ config: { SURFACES: 'slack' } });
    await withRoles(t);
  });
  afterAll(() => t?.close());

  it('warns in /network settings and in coordinators’ home view, recommending invitation only', async () => {
    await setMembership(t, 'open'); // as at start, whichever test ran before
    const opened = await settings(t);
    expect(opened.form?.form.intro).toContain(
      'anyone in your Slack workspace or Discord server who uses the bot becomes a mentor',
    );
    expect(opened.form?.form.intro).toContain('MEMBERSHIP=invite');
    expect(opened.form?.form.fields.membership?.hint).toContain('Use invitation only for real use');
    expect(opened.form?.form.id).toBe('network-settings');
    expect(warningIn(await t.router.home(coordinator))?.text).toContain('page the duty coordinator with a P1');
    expect(warningIn(await t.router.home(mentor))).toBeUndefined();
  });

  it('stops warning once membership is by invitation', async () => {
    const opened = await settings(t);
    const saved = await t.router.dispatch({
      kind: 'submit',
      id: `om${++seq}`,
      user: coordinator,
      formId: 'network-settings',
      values: { ...opened.form!.initial, membership: 'invite' },
      context: {},
    });
    expect(saved.messages[0]?.text).toContain('saved');
    expect((await settings(t)).form?.form.intro).toBeUndefined();
    expect(warningIn(await t.router.home(coordinator))).toBeUndefined();
  });
});

describe('open membership at the terminal only', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await withRoles(t);
  });
  afterAll(() => t?.close());

  it('does not warn: nobody else can reach the bot there', async () => {
    expect((await settings(t)).form?.form.intro).toBeUndefined();
    expect(warningIn(await t.router.home(coordinator))).toBeUndefined();
  });
});

describe('the warning in the log at start', () => {
  let fake: FakeSlack;
  let database: TestDatabase;
  beforeAll(async () => {
    fake = await startFakeSlack();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await fake?.close();
    await database?.drop();
  });

  async function startLines(env: Record<string, string>): Promise<Record<string, unknown>[]> {
    const lines: string[] = [];
    const log = pino(
      { level: 'info' },
      new Writable({
        write: (chunk, _encoding, done) => {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const app = await startApp(testConfig({ PORT: '0', DATABASE_URL: database.url, ...env }), {
      log,
      clock: new ManualClock(),
      io: { input: new PassThrough(), output: new PassThrough() },
    });
    await app.stop();
    return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  it('is one structured warning while membership is open and Slack runs', async () => {
    const warnings = (await startLines(slackEnv(fake))).filter((l) => l.event === 'membership_open');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      level: 40,
      membership: 'open',
      surfaces: ['slack'],
      recommended: 'MEMBERSHIP=invite',
    });
  });

  it('is not logged with MEMBERSHIP=invite, nor at the terminal', async () => {
    expect(
      (await startLines(slackEnv(fake, { MEMBERSHIP: 'invite' }))).some((l) => l.event === 'membership_open'),
    ).toBe(false);
    expect((await startLines({ SURFACES: 'shell' })).some((l) => l.event === 'membership_open')).toBe(false);
  });
});
