// Retention and erasure reach the web layer's rows: report sign-in links, report sessions and
// escalation acknowledge links (token hashes bound to a member, no free text).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseMember } from '../../../src/features/governance/erasure.js';
import { applyRetention } from '../../../src/features/governance/retention.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t.close();
});

const HOUR = 60 * 60 * 1000;
let seq = 0;

/** One sign-in link, one session and one acknowledge link for the member, expiring at `expiresAt`. */
async function webRows(memberId: string, expiresAt: Date) {
  const createdAt = t.clock.now();
  const hash = () => `h9-${++seq}-${randomUUID()}`;
  await t.deps.db.reportSignIn.create({
    data: {
      tokenHash: hash(),
      memberId,
      periodFrom: new Date('2026-01-01'),
      periodTo: new Date('2026-06-30'),
      expiresAt,
      createdAt,
    },
  });
  await t.deps.db.reportSession.create({ data: { tokenHash: hash(), memberId, expiresAt, createdAt } });
  await t.deps.db.escalationAckLink.create({
    data: { tokenHash: hash(), escalationId: randomUUID(), memberId, epoch: 1, expiresAt, createdAt },
  });
}

const rowsOf = async (memberId: string) => ({
  signIns: await t.deps.db.reportSignIn.count({ where: { memberId } }),
  sessions: await t.deps.db.reportSession.count({ where: { memberId } }),
  ackLinks: await t.deps.db.escalationAckLink.count({ where: { memberId } }),
});

const member = async (displayName: string) =>
  (await t.deps.db.member.create({ data: { id: randomUUID(), displayName, roles: ['board'] } })).id;

describe('retention of web links and sessions', () => {
  it('deletes sign-in links, report sessions and acknowledge links more than a day past expiry, and keeps the rest', async () => {
    const oldie = await member('Orla Web');
    const recent = await member('Pip Web');
    const now = t.clock.now().getTime();
    await webRows(oldie, new Date(now - 25 * HOUR));
    await webRows(recent, new Date(now - 23 * HOUR));
    await webRows(recent, new Date(now + 8 * HOUR));
    const counts = await applyRetention(t.deps);
    expect(counts).toMatchObject({ reportSignIns: 1, reportSessions: 1, escalationAckLinks: 1 });
    expect(await rowsOf(oldie)).toEqual({ signIns: 0, sessions: 0, ackLinks: 0 });
    expect(await rowsOf(recent)).toEqual({ signIns: 2, sessions: 2, ackLinks: 2 });
  });
});

describe('erasure and the web layer', () => {
  it('deletes the erased member’s sign-in links, sessions and acknowledge links, and nobody else’s', async () => {
    const erased = await member('Quin Web');
    const other = await member('Rory Web');
    const later = new Date(t.clock.now().getTime() + 8 * HOUR);
    await webRows(erased, later);
    await webRows(other, later);
    await eraseMember(t.deps, erased);
    expect(await rowsOf(erased)).toEqual({ signIns: 0, sessions: 0, ackLinks: 0 });
    expect(await rowsOf(other)).toEqual({ signIns: 1, sessions: 1, ackLinks: 1 });
  });
});
