import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAckCodeShape, normaliseAckCode, percentile } from '../../../src/features/escalation/policy.js';
import { raiseEscalation } from '../../../src/features/escalation/raise.js';
import { owedMessages } from '../../helpers/owed.js';
import {
  command,
  createHarness,
  DETAILS,
  press,
  raiseByForm,
  reset,
  roundTheClock,
  submit,
  textOf,
  type Harness,
} from './fixture.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await reset(h);
  await roundTheClock(h);
  h.t.clock.set('2026-11-23T10:00:00Z');
});

describe('/escalate, /escalation show and list', () => {
  it('opens the form for mentors and coordinators only', async () => {
    expect((await command(h, h.alex, 'escalate')).form?.form.id).toBe('escalate');
    expect((await command(h, h.sam, 'escalate')).form?.form.id).toBe('escalate');
    await h.t.deps.db.member.update({ where: { id: h.cy.id }, data: { roles: ['board'] } });
    expect(textOf(await command(h, h.cy, 'escalate'))).toContain('for mentors and coordinators only');
    await h.t.deps.db.member.update({ where: { id: h.cy.id }, data: { roles: ['coordinator'] } });
  });

  it('shows coordinators the details and the timeline with times and surfaces, and records the view; mentors are refused', async () => {
    await raiseByForm(h);
    const row = await h.t.deps.db.escalation.findFirstOrThrow();
    h.t.clock.set('2026-11-23T10:04:00Z');
    await press(h, h.sam, 'escalation.ack', row.id);
    h.t.clock.set('2026-11-23T10:20:00Z');
    const form = await press(h, h.sam, 'escalation.update', row.id);
    await submit(
      h,
      h.sam,
      'escalation.update',
      { actions: ['mentor_support'], note: 'Spoke to Alex, safe at home' },
      form.form!.context!,
    );
    expect(textOf(await command(h, h.alex, 'escalation', 'show', { number: 1 }))).toContain('for coordinators only');
    const shown = textOf(await command(h, h.bo, 'escalation', 'show', { number: 1 }));
    expect(shown).toContain(DETAILS);
    for (const line of [
      'Mon 23 Nov 10:00 raised by Alex (slack)',
      'Mon 23 Nov 10:00 told Sam (primary)',
      'Mon 23 Nov 10:04 acknowledged by Sam (slack)',
      'Mon 23 Nov 10:20 note: Spoke to Alex, safe at home by Sam (slack)',
      'Mon 23 Nov 10:20 actions: Support arranged for the mentor by Sam (slack)',
      'Mon 23 Nov 10:20 viewed by Bo (slack)',
    ])
      expect(shown).toContain(line);
    expect(
      await h.t.deps.db.event.count({ where: { subjectId: row.id, kind: 'escalation.viewed', actorId: h.bo.id } }),
    ).toBe(1);
    expect(textOf(await command(h, h.bo, 'escalation', 'show', { number: 99 }))).toContain(
      'There is no escalation #99',
    );
  });

  it('measures time to acknowledge per tier: median and 90th percentile over the period', async () => {
    const ackAfter = async (tier: string, minutes: number) => {
      h.t.clock.set('2026-11-23T10:00:00Z');
      await raiseByForm(h, { tier });
      const row = await h.t.deps.db.escalation.findFirstOrThrow({ orderBy: { number: 'desc' } });
      h.t.clock.set(new Date(Date.parse('2026-11-23T10:00:00Z') + minutes * 60_000));
      await press(h, h.sam, 'escalation.ack', row.id);
    };
    for (const m of [1, 2, 3, 4, 10]) await ackAfter('P1', m);
    await ackAfter('P2', 30);
    await raiseByForm(h, { tier: 'P3' });
    h.t.clock.set('2026-11-24T09:00:00Z');
    const listed = textOf(await command(h, h.sam, 'escalation', 'list', { days: 7 }));
    expect(listed).toContain('P1: median 3 min, 90th percentile 10 min (5)');
    expect(listed).toContain('P2: median 30 min, 90th percentile 30 min (1)');
    expect(listed).toContain('P3: none acknowledged');
    expect(listed).toMatch(/#7 P3 open: Risk of suicide or self-harm, MS-0042, raised Mon 23 Nov 10:30/);
  });

  it('raises from another feature through raiseEscalation, telling the reporter by direct message', async () => {
    const { number } = await h.t.deps.db.$transaction((tx) =>
      raiseEscalation(
        { tx, deps: h.t.deps, now: h.t.clock.now() },
        {
          reporterId: h.alex.id,
          category: 'risk_to_mentor',
          details: DETAILS,
          clientTold: 'no',
          actionsTaken: [],
          caseCode: 'ms-0042',
        },
      ),
    );
    expect(number).toBe(1);
    const owed = await owedMessages(h.t.deps);
    expect(owed.find((m) => m.recipientMemberId === h.alex.id)?.message.text).toContain(
      'call the emergency services (999) first',
    );
    expect(await h.t.deps.db.escalation.findFirstOrThrow()).toMatchObject({ tier: 'P2', caseCode: 'MS-0042' });
  });
});

describe('raised from a debrief', () => {
  it('keeps the debrief it came from only when it is the reporter’s own', async () => {
    const { randomUUID } = await import('node:crypto');
    const debrief = (authorId: string) =>
      h.t.deps.db.debrief.create({
        data: {
          id: randomUUID(),
          authorId,
          caseCode: 'MS-0042',
          sessionDate: new Date('2026-11-23'),
          sessionWent: 'difficult',
          feeling: 2,
          flagConcern: true,
        },
      });
    const own = await debrief(h.alex.id);
    const other = await debrief(h.sam.id);
    const raise = (debriefId: string) =>
      h.t.router.dispatch({
        kind: 'submit',
        id: h.seq(),
        user: h.alex.user,
        formId: 'escalate',
        values: { category: 'risk_to_mentor', details: DETAILS, clientTold: 'no' },
        context: { debriefId },
      });
    await raise(own.id);
    await raise(other.id);
    const rows = await h.t.deps.db.escalation.findMany({ orderBy: { number: 'asc' } });
    expect(rows.map((r) => r.sourceDebriefId)).toEqual([own.id, null]);
  });
});

describe('pure helpers', () => {
  it('percentile is nearest-rank and stays within the values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 1, max: 100 }),
        (values, p) => {
          const v = percentile(values, p)!;
          expect(values).toContain(v);
          expect(values.filter((x) => x <= v).length / values.length).toBeGreaterThanOrEqual(p / 100);
        },
      ),
      { numRuns: 80 },
    );
    expect(percentile([], 50)).toBeUndefined();
  });

  it('ack codes are read in any case, with or without the dash, and nothing else passes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        if (isAckCodeShape(text)) expect(normaliseAckCode(text)).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      }),
      { numRuns: 100 },
    );
    expect(isAckCodeShape('abcd-2345')).toBe(true);
    expect(isAckCodeShape('ABCD 2345')).toBe(true);
    expect(isAckCodeShape('ABCD-0123')).toBe(false);
  });
});
