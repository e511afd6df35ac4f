import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  coverGaps,
  holderAt,
  parseMinute,
  parseWeekday,
  patternShifts,
  type PatternRow,
} from '../../../src/features/duty/policy.js';
import { owedMessages } from '../../helpers/owed.js';
import {
  command,
  createHarness,
  press,
  raiseByForm,
  reset,
  runAt,
  textOf,
  type Harness,
} from '../escalation/fixture.js';

const zone = 'Europe/London';
const row = (
  weekday: number,
  from: string,
  to: string,
  coordinatorId = 'sam',
  position: 'primary' | 'backup' = 'primary',
): PatternRow => {
  const start = parseMinute(from)!;
  const end = parseMinute(to)!;
  return { weekday, startMinute: start, endMinute: end <= start ? end + 1440 : end, position, coordinatorId };
};
const iso = (d: Date) => d.toISOString();

describe('the weekly pattern across the Europe/London clock changes', () => {
  it('starts a shift in the missing hour at the first valid minute (29 March 2026)', () => {
    const [shift] = patternShifts(
      [row(7, '01:30', '09:00')],
      new Date('2026-03-29T00:00:00Z'),
      new Date('2026-03-29T12:00:00Z'),
      zone,
    );
    expect(iso(shift!.startsAt)).toBe('2026-03-29T01:00:00.000Z'); // 02:00 BST
    expect(iso(shift!.endsAt)).toBe('2026-03-29T08:00:00.000Z'); // 09:00 BST
  });

  it('starts a shift in the repeated hour at its first occurrence (25 October 2026)', () => {
    const [shift] = patternShifts(
      [row(7, '01:30', '09:00')],
      new Date('2026-10-25T00:00:00Z'),
      new Date('2026-10-25T12:00:00Z'),
      zone,
    );
    expect(iso(shift!.startsAt)).toBe('2026-10-25T00:30:00.000Z'); // 01:30 BST, not 01:30 GMT
    expect(iso(shift!.endsAt)).toBe('2026-10-25T09:00:00.000Z'); // 09:00 GMT
  });

  it('keeps an overnight shift crossing each change whole: 7 hours in spring, 9 in autumn', () => {
    const night = [row(6, '22:00', '06:00')];
    const [spring] = patternShifts(night, new Date('2026-03-28T12:00:00Z'), new Date('2026-03-29T12:00:00Z'), zone);
    expect([iso(spring!.startsAt), iso(spring!.endsAt)]).toEqual([
      '2026-03-28T22:00:00.000Z',
      '2026-03-29T05:00:00.000Z',
    ]);
    const [autumn] = patternShifts(night, new Date('2026-10-24T12:00:00Z'), new Date('2026-10-25T12:00:00Z'), zone);
    expect([iso(autumn!.startsAt), iso(autumn!.endsAt)]).toEqual([
      '2026-10-24T21:00:00.000Z',
      '2026-10-25T06:00:00.000Z',
    ]);
    // Who is on at the repeated 01:30 (both of them): the night shift, and nobody is left out.
    for (const at of ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z'])
      expect(holderAt('primary', new Date(at), night, [], zone)?.coordinatorId).toBe('sam');
    expect(
      coverGaps('primary', new Date('2026-10-24T21:00:00Z'), new Date('2026-10-25T06:00:00Z'), night, [], zone),
    ).toEqual([]);
  });

  it('lets cover override the pattern for its position while it lasts', () => {
    const pattern = [row(1, '09:00', '17:00')];
    const cover = [
      {
        position: 'primary' as const,
        coordinatorId: 'bo',
        startsAt: new Date('2026-11-23T12:00:00Z'),
        endsAt: new Date('2026-11-23T13:00:00Z'),
        reason: 'cover',
      },
    ];
    expect(holderAt('primary', new Date('2026-11-23T11:59:00Z'), pattern, cover, zone)?.coordinatorId).toBe('sam');
    expect(holderAt('primary', new Date('2026-11-23T12:30:00Z'), pattern, cover, zone)?.coordinatorId).toBe('bo');
    expect(holderAt('primary', new Date('2026-11-23T13:00:00Z'), pattern, cover, zone)?.coordinatorId).toBe('sam');
    expect(holderAt('backup', new Date('2026-11-23T12:30:00Z'), pattern, cover, zone)).toBeUndefined();
  });

  it('property: gaps and shifts partition any window, whatever the pattern', () => {
    const arbRow = fc.record({
      weekday: fc.integer({ min: 1, max: 7 }),
      start: fc.integer({ min: 0, max: 1439 }),
      length: fc.integer({ min: 1, max: 1440 }),
    });
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 6 }), fc.integer({ min: 0, max: 400 }), (rows, dayOffset) => {
        const pattern: PatternRow[] = rows.map((r) => ({
          weekday: r.weekday,
          startMinute: r.start,
          endMinute: r.start + r.length,
          position: 'primary',
          coordinatorId: 'x',
        }));
        const from = new Date(Date.parse('2026-01-01T00:00:00Z') + dayOffset * 86_400_000);
        const to = new Date(from.getTime() + 7 * 86_400_000);
        const gaps = coverGaps('primary', from, to, pattern, [], zone);
        for (const g of gaps) {
          const mid = new Date((g.from.getTime() + g.to.getTime()) / 2);
          expect(holderAt('primary', mid, pattern, [], zone)).toBeUndefined();
        }
        for (const s of patternShifts(pattern, from, to, zone)) {
          expect(s.endsAt > s.startsAt).toBe(true);
          expect(
            gaps.some(
              (g) =>
                g.from < s.endsAt &&
                s.startsAt < g.to &&
                g.to.getTime() - g.from.getTime() > 0 &&
                !(g.to <= s.startsAt || g.from >= s.endsAt),
            ),
          ).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('property: reads times and weekdays as typed, refusing the rest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (hh, mm) => {
        expect(parseMinute(`${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`)).toBe(hh * 60 + mm);
      }),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (text) => {
        const minute = parseMinute(text);
        expect(minute === undefined || (minute >= 0 && minute < 1440)).toBe(true);
        const day = parseWeekday(text);
        expect(day === undefined || (day >= 1 && day <= 7)).toBe(true);
      }),
      { numRuns: 100 },
    );
    expect(['mon', 'Tuesday', 'su', '3'].map(parseWeekday)).toEqual([1, 2, 7, 3]);
    expect(['24:00', '9:60', 'noon'].map(parseMinute)).toEqual([undefined, undefined, undefined]);
  });
});

describe('the rota commands, handovers and the cover-gap warning', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await reset(h);
    h.t.clock.set('2026-11-23T08:00:00Z'); // Monday
  });

  it('sets the weekly pattern and one-off shifts, shows who is on, refuses mentors', async () => {
    expect(
      textOf(
        await command(h, h.alex, 'duty', 'rota', {
          change: 'add',
          day: 'mon',
          from: '09:00',
          to: '17:00',
          member: 'Sam',
        }),
      ),
    ).toContain('for coordinators only');
    expect(
      textOf(
        await command(h, h.sam, 'duty', 'rota', {
          change: 'add',
          day: 'mon',
          from: '09:00',
          to: '17:00',
          member: 'Alex',
        }),
      ),
    ).toContain('is not a coordinator');
    expect(
      textOf(
        await command(h, h.sam, 'duty', 'rota', {
          change: 'add',
          day: 'mon',
          from: '09:00',
          to: '17:00',
          member: 'Sam',
        }),
      ),
    ).toContain('Sam is primary on Mondays from 09:00 to 17:00');
    await command(h, h.sam, 'duty', 'rota', { change: 'add', day: 'mon', from: '17:00', to: '09:00', member: 'Bo' });
    await command(h, h.sam, 'duty', 'rota', {
      change: 'add',
      day: 'mon',
      from: '09:00',
      to: '17:00',
      member: 'Cy',
      position: 'backup',
    });
    h.t.clock.set('2026-11-23T10:00:00Z');
    const who = textOf(await command(h, h.alex, 'duty', 'who'));
    expect(who).toContain('Sam is the duty coordinator');
    expect(who).toContain('Backup: Cy (until Mon 23 Nov 17:00)');
    h.t.clock.set('2026-11-23T20:00:00Z');
    expect(textOf(await command(h, h.alex, 'duty', 'who'))).toContain('Bo is the duty coordinator');
    expect(
      textOf(
        await command(h, h.sam, 'duty', 'rota', {
          change: 'shift',
          day: '2026-11-24',
          from: '10:00',
          to: '12:00',
          member: 'Cy',
        }),
      ),
    ).toContain('Cy is primary from Tue 24 Nov 10:00 to Tue 24 Nov 12:00');
    const shown = textOf(await command(h, h.sam, 'duty', 'rota'));
    expect(shown).toContain('Monday 09:00–17:00 primary: Sam');
    expect(shown).toContain('Tue 24 Nov 10:00 → Tue 24 Nov 12:00 primary: Cy');
    expect(
      textOf(
        await command(h, h.sam, 'duty', 'cover', { member: 'Cy', from: '2026-11-30 09:00', to: '2026-11-30 13:00' }),
      ),
    ).toContain('Cy covers as primary from Mon 30 Nov 09:00 to Mon 30 Nov 13:00');
    h.t.clock.set('2026-11-30T11:00:00Z');
    expect(textOf(await command(h, h.alex, 'duty', 'who'))).toContain('Cy is the duty coordinator');
    expect(textOf(await command(h, h.sam, 'duty', 'rota', { change: 'remove', day: 'mon', from: '09:00' }))).toContain(
      'Removed the primary shift on Mondays from 09:00',
    );
  });

  it('escalates to the covering coordinator during cover, in a shift made through the missing hour', async () => {
    h.t.clock.set('2026-03-20T08:00:00Z');
    await command(h, h.sam, 'duty', 'cover', { member: 'Cy', from: '2026-03-29 01:30', to: '2026-03-29 09:00' });
    h.t.clock.set('2026-03-29T00:59:00Z');
    await raiseByForm(h);
    h.t.clock.set('2026-03-29T01:00:00Z');
    await raiseByForm(h);
    const rows = await h.t.deps.db.escalation.findMany({ orderBy: { number: 'asc' } });
    const told = async (id: string) =>
      (await owedMessages(h.t.deps))
        .filter((m) => m.logicalKey?.startsWith(`escalation:${id}:step0:`))
        .map((m) => m.recipientMemberId)
        .sort();
    // 00:59 GMT: before the cover (01:30 does not exist that night; it starts at 02:00 BST = 01:00Z).
    expect(await told(rows[0]!.id)).toEqual([h.sam.id, h.bo.id, h.cy.id].sort());
    expect(await told(rows[1]!.id)).toEqual([h.cy.id]);
  });

  it('gives the incoming coordinator the open escalations at handover; unconfirmed: a reminder, then the backup is told', async () => {
    await command(h, h.sam, 'duty', 'rota', { change: 'add', day: 'mon', from: '09:00', to: '17:00', member: 'Sam' });
    await command(h, h.sam, 'duty', 'rota', { change: 'add', day: 'mon', from: '17:00', to: '09:00', member: 'Bo' });
    await command(h, h.sam, 'duty', 'rota', {
      change: 'add',
      day: 'mon',
      from: '09:00',
      to: '09:00',
      member: 'Cy',
      position: 'backup',
    });
    h.t.clock.set('2026-11-23T16:00:00Z');
    await raiseByForm(h, { category: 'other' });
    await runAt(h, '2026-11-23T16:59:00Z', '2026-11-23T17:00:00Z');
    const toBo = async () =>
      (await owedMessages(h.t.deps)).filter(
        (m) => m.recipientMemberId === h.bo.id && !m.logicalKey?.startsWith('escalation:'),
      );
    const [handover] = await toBo();
    expect(handover!.createdAt.toISOString()).toBe('2026-11-23T17:00:00.000Z');
    expect(handover!.message.title).toBe('You are now the duty coordinator');
    expect(handover!.message.fields?.[0]?.label).toBe('#1 P3 open');
    expect(JSON.stringify(handover!.message)).not.toContain('blade');
    await runAt(h, '2026-11-23T17:14:00Z', '2026-11-23T17:15:00Z', '2026-11-23T17:30:00Z');
    expect((await toBo()).map((m) => [m.createdAt.toISOString().slice(11, 16), m.message.text.slice(0, 30)])).toEqual([
      ['17:00', handover!.message.text.slice(0, 30)],
      ['17:15', 'A reminder: please confirm you'],
    ]);
    const toCy = (await owedMessages(h.t.deps)).filter(
      (m) => m.recipientMemberId === h.cy.id && m.message.text.includes('has not confirmed'),
    );
    expect(toCy.map((m) => m.createdAt.toISOString())).toEqual(['2026-11-23T17:30:00.000Z']);

    // Tuesday has no pattern: nobody takes over, so there is no handover.
    await runAt(h, '2026-11-24T00:05:00Z', '2026-11-24T09:00:00Z');
    const toSam = (await owedMessages(h.t.deps)).filter(
      (m) => m.recipientMemberId === h.sam.id && m.message.title === 'You are now the duty coordinator',
    );
    expect(toSam).toHaveLength(0);
  });

  it('stops the handover follow-up once confirmed', async () => {
    await command(h, h.sam, 'duty', 'rota', { change: 'add', day: 'mon', from: '09:00', to: '17:00', member: 'Sam' });
    await runAt(h, '2026-11-23T09:00:00Z');
    const handover = (await owedMessages(h.t.deps)).find(
      (m) => m.recipientMemberId === h.sam.id && m.message.title === 'You are now the duty coordinator',
    )!;
    const button = handover.message.buttons![0]!;
    expect(textOf(await press(h, h.bo, button.actionId, button.value!))).toContain('Only the coordinator taking over');
    h.t.clock.set('2026-11-23T09:03:00Z');
    expect(textOf(await press(h, h.sam, button.actionId, button.value!))).toContain('handover confirmed');
    await runAt(h, '2026-11-23T09:15:00Z', '2026-11-23T09:30:00Z');
    expect(
      (await owedMessages(h.t.deps)).filter(
        (m) => m.message.text.includes('A reminder: please confirm') || m.message.text.includes('has not confirmed'),
      ),
    ).toHaveLength(0);
    expect(await h.t.deps.db.dutyHandover.findFirstOrThrow()).toMatchObject({
      coordinatorId: h.sam.id,
      confirmedAt: new Date('2026-11-23T09:03:00Z'),
    });
  });

  it('tells coordinators each morning of the gaps in the next 7 days’ cover', async () => {
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) {
      await command(h, h.sam, 'duty', 'rota', { change: 'add', day, from: '00:00', to: '00:00', member: 'Sam' });
      await command(h, h.sam, 'duty', 'rota', {
        change: 'add',
        day,
        from: '00:00',
        to: '00:00',
        member: 'Bo',
        position: 'backup',
      });
    }
    await runAt(h, '2026-11-23T08:00:00Z');
    const gapsPosts = async () =>
      (await owedMessages(h.t.deps)).filter(
        (m) => m.channel === 'coordinators' && m.message.title?.startsWith('Gaps in duty cover'),
      );
    expect(await gapsPosts()).toHaveLength(0); // full cover today (the series starts tomorrow at 08:00)
    await command(h, h.sam, 'duty', 'rota', { change: 'remove', day: 'sat', from: '00:00' });
    await runAt(h, '2026-11-24T07:59:00Z', '2026-11-24T08:00:00Z');
    const [post] = await gapsPosts();
    expect(post!.createdAt.toISOString()).toBe('2026-11-24T08:00:00.000Z');
    expect(post!.message.fields).toEqual([{ label: 'Duty coordinator', value: 'Sat 28 Nov 00:00 → Sun 29 Nov 00:00' }]);
    await runAt(h, '2026-11-25T08:00:00Z');
    expect(await gapsPosts()).toHaveLength(2);
  });
});
