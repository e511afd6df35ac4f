// Issue 16, "action values parsed with zod at the boundary": every button declares the schema of its
// value and the router parses it before the handler runs. Before the fix buttons were checked ad hoc
// (`/^[0-9a-f-]{36}$/` lets 36 dashes through to a `::uuid` cast in PostgreSQL, which answered
// "something went wrong"), and some not at all. Now any value a button could never have carried is
// a clear refusal, audited as bad_button, and nothing else is written.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/core/router.js';
import { createTestContext, type TestContext } from '../helpers/deps.js';
import { driver, slack } from '../features/cases/setup.js';

let t: TestContext;
let d: ReturnType<typeof driver>;
// Every role, so no button is refused for its precondition: the value alone decides.
const everyone = slack('U-ALL', 'Avery');
let memberId = '';

beforeAll(async () => {
  t = await createTestContext();
  d = driver(t);
  memberId = await d.join(everyone, ['mentor', 'peer_supervisor', 'coordinator', 'admin']);
});
afterAll(() => t.close());

const INVALID = 'That button is no longer valid.';
const SOMETHING_WRONG = /something went wrong/i;

/** Buttons that carry no value: for them (and only them) the empty value is the real one. */
const valueless = new Set(['profile.edit', 'members.timezone.choose']);

const hostile = [
  '-'.repeat(36),
  '',
  'x'.repeat(10_000),
  '\'; DROP TABLE "Member"; --',
  "0' OR '1'='1",
  '00000000-0000-0000-0000-00000000000g',
  '\u0000\u202e\u{1F4A3}ｍｓ－００４２ ﬀ',
  'MS-0042:well:extra',
  ':',
];

/** Row counts of every table, to show a refused button wrote nothing but its audit event. */
async function counts(): Promise<Record<string, number>> {
  const tables = await t.deps.db.$queryRaw<
    { name: string }[]
  >`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`;
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await t.deps.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${name}"${name === 'Event' ? ` WHERE kind <> 'access.refused'` : ''}`,
    );
    out[name] = Number(row!.n);
  }
  return out;
}

const badButtonEvents = () =>
  t.deps.db.event.count({
    where: { kind: 'access.refused', actorId: memberId, data: { path: ['reason'], equals: 'bad_button' } },
  });

function expectClearRefusal(outcome: Outcome, context: string) {
  const shown = outcome.messages.map((m) => m.text).join('\n');
  expect(shown, context).not.toMatch(SOMETHING_WRONG);
  expect(outcome.form, context).toBeUndefined();
  expect(outcome.messages, context).toHaveLength(1);
  expect(outcome.messages[0]!.tone, context).toBe('warning');
}

describe('button values are parsed at the boundary', () => {
  it('finds the registered buttons', () => {
    expect(t.router.actionIds().length).toBeGreaterThanOrEqual(35);
  });

  it('refuses every hostile value on every button with the same clear words, audited, writing nothing else', async () => {
    const before = await counts();
    const auditedBefore = await badButtonEvents();
    let refused = 0;
    for (const actionId of t.router.actionIds()) {
      for (const value of hostile) {
        if (value === '' && valueless.has(actionId)) continue;
        const outcome = await d.click(everyone, actionId, value);
        const context = `${actionId} with ${JSON.stringify(value.slice(0, 40))}`;
        expectClearRefusal(outcome, context);
        expect(outcome.messages[0]!.text, context).toBe(INVALID);
        refused++;
      }
    }
    expect(await counts()).toEqual(before);
    expect(await badButtonEvents()).toBe(auditedBefore + refused);
  });

  it('never says "something went wrong" and writes nothing, whatever string a button brings back (property)', async () => {
    const before = await counts();
    const idLike = fc
      .array(fc.constantFrom('-', '0', '9', 'a', 'f', 'A', ':'), { minLength: 30, maxLength: 80 })
      .map((chars) => chars.join(''));
    const value = fc.oneof(
      fc.string({ minLength: 1, maxLength: 60 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
      idLike,
      fc.uuid().map((id) => `${id}'--`),
      fc.uuid().chain((id) => fc.string({ minLength: 1, maxLength: 20 }).map((tail) => `${id}:${tail}`)),
      fc.constantFrom(...hostile.filter(Boolean)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...t.router.actionIds()), value, async (actionId, raw) => {
        const outcome = await d.click(everyone, actionId, raw);
        expectClearRefusal(outcome, `${actionId} with ${JSON.stringify(raw.slice(0, 40))}`);
      }),
      { numRuns: 200, seed: 16 },
    );
    expect(await counts()).toEqual(before);
  });

  it('still takes a real value: the button carrying a well-formed id reaches its handler', async () => {
    // A well-formed id that names nothing is the handler's to refuse, in its own words, not the parser's.
    const outcome = await d.click(everyone, 'checkin.snooze', '6f1c1f7e-3b9a-4d55-9a57-1c2e3d4f5a6b');
    expectClearRefusal(outcome, 'checkin.snooze with an unknown id');
    expect(outcome.messages[0]!.text).toContain('not one of yours');
  });
});
