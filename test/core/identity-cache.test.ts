// Who an account is, cached per app: a member deactivated or given other roles is treated so on their
// very next interaction, on this replica (its committed handler drops the copies) and on the others
// (a trigger's NOTIFY on commit); an app that is not listening reads the database every time.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PlatformUser } from '../../src/core/actor.js';
import { HeardCache } from '../../src/core/heard-cache.js';
import { admit, type Identified } from '../../src/core/identity.js';
import { IdentityCache } from '../../src/core/identity-cache.js';
import { driver, slack, text } from '../features/cases/setup.js';
import { createTestContext, type TestContext } from '../helpers/deps.js';
import { useReplicas } from '../helpers/replicas.js';

const coord = slack('UIDCOORD', 'Cora');
const ana = slack('UIDANA', 'Ana');

/** Renames the member behind every app's back: the trigger is off for this one write, so nobody is told. */
async function renameQuietly(t: Pick<TestContext, 'deps'>, user: PlatformUser, name: string) {
  await t.deps.db.$transaction([
    t.deps.db.$executeRaw`SET LOCAL session_replication_role = replica`,
    t.deps.db.$executeRaw`UPDATE "Member" SET "displayName" = ${name}
      WHERE "id" = (SELECT "memberId" FROM "MemberIdentity" WHERE "platformUserId" = ${user.platformUserId})`,
  ]);
}

const nameSeen = async (t: Pick<TestContext, 'deps'>, user: PlatformUser) => {
  const identified = await admit(t.deps, user);
  return identified.ok ? identified.actor.displayName : identified.message;
};

describe('who an account is, across replicas', () => {
  const replicas = useReplicas();

  it('a member deactivated on one replica is turned away on the other’s next command', async () => {
    const { a, b } = replicas;
    const onA = driver(a);
    const onB = driver(b);
    await onA.join(coord, ['coordinator']);
    const anaId = await onA.join(ana);
    expect(text(await onB.run(ana, 'help'))).not.toContain('no longer active');
    // The other replica really keeps a copy: a change nobody announced is not seen there (once the
    // notices of the joining above have all arrived).
    await vi.waitFor(async () => {
      await renameQuietly(a, ana, 'Ana');
      expect(await nameSeen(b, ana)).toBe('Ana');
      await renameQuietly(a, ana, 'Quiet');
      expect(await nameSeen(b, ana)).toBe('Ana');
    });

    const heard = b.deps.identities.heard;
    await onA.run(coord, 'network', 'deactivate', { member: 'Quiet' });
    await onA.click(coord, 'network.deactivate.confirm', anaId);
    await vi.waitFor(() => expect(b.deps.identities.heard).toBeGreaterThan(heard));
    expect(text(await onB.run(ana, 'debrief'))).toContain('no longer active');
  });
});

describe('who an account is, in an app that keeps copies but has heard nothing yet', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext({ config: { ADMINS: 'slack:UIDCOORD' } });
    // Following, but with no connection delivering notices: only the app's own drops can help.
    t.deps.identities.follow(() => true);
  });

  afterAll(() => t?.close());

  it('a role granted or revoked by a command applies to the member’s very next command', async () => {
    const d = driver(t);
    await d.run(coord, 'help');
    await d.join(ana);
    expect(text(await d.run(ana, 'network', 'list'))).toContain('coordinators');
    await renameQuietly(t, ana, 'Quiet');
    expect(await nameSeen(t, ana)).toBe('Ana');

    await d.run(coord, 'network', 'role', { member: 'Quiet', role: 'coordinator', change: 'grant' });
    expect(text(await d.run(ana, 'network', 'list'))).not.toContain('coordinators');
    await d.run(coord, 'network', 'role', { member: 'Quiet', role: 'coordinator', change: 'revoke' });
    expect(text(await d.run(ana, 'network', 'list'))).toContain('coordinators');
  });
});

describe('who an account is, in an app that is not listening', () => {
  it('every identification reads the database', async () => {
    const t = await createTestContext();
    try {
      await driver(t).join(ana);
      expect(await nameSeen(t, ana)).toBe('Ana');
      await renameQuietly(t, ana, 'Quiet');
      expect(await nameSeen(t, ana)).toBe('Quiet');
    } finally {
      await t.close();
    }
  });
});

describe('IdentityCache', () => {
  it('reads again after ten seconds even when no change was heard (a listener may die unnoticed)', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const cache = new IdentityCache();
      cache.follow(() => true);
      let loads = 0;
      const load = async (): Promise<Identified> => ({ ok: false, message: `read ${++loads}` });
      await cache.read('slack:U1', load);
      vi.advanceTimersByTime(9_000);
      expect(await cache.read('slack:U1', load)).toEqual({ ok: false, message: 'read 1' });
      vi.advanceTimersByTime(2_000);
      expect(await cache.read('slack:U1', load)).toEqual({ ok: false, message: 'read 2' });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('HeardCache', () => {
  it('does not remember that nobody was found, so a newcomer is known as soon as they join', async () => {
    const cache = new HeardCache<string>(10);
    cache.follow(() => true);
    let stored: string | undefined;
    const load = async () => stored;
    expect(await cache.read('slack:U1', load)).toBeUndefined();
    stored = 'Ana';
    expect(await cache.read('slack:U1', load)).toBe('Ana');
    stored = 'Quiet';
    expect(await cache.read('slack:U1', load)).toBe('Ana');
  });

  it('keeps at most its limit of copies', async () => {
    const cache = new HeardCache<string>(2);
    cache.follow(() => true);
    let loads = 0;
    const load = async () => `copy ${++loads}`;
    await cache.read('a', load);
    await cache.read('b', load);
    await cache.read('c', load);
    expect(await cache.read('a', load)).toBe('copy 4');
  });
});
