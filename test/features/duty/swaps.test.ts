// The rota as coordinators change it: a rotation defined by command, one-off shifts removed and
// replaced, swaps asked of a colleague (accepted, declined, refused to anyone else), bad input.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCEPT_SWAP, DECLINE_SWAP } from '../../../src/features/duty/messages.js';
import { owedMessages } from '../../helpers/owed.js';
import { command, createHarness, press, reset, textOf, type Harness, type Person } from '../escalation/fixture.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await reset(h);
  await h.t.deps.db.$executeRawUnsafe('TRUNCATE "DutyRotation", "DutySwap", "CalendarFeed"');
  h.t.clock.set('2026-11-23T08:00:00Z'); // Monday
});

const rota = (person: Person, options: Record<string, string>) =>
  command(h, person, 'duty', 'rota', options).then(textOf);
const whoAt = async (at: string) => {
  h.t.clock.set(at);
  return /^(\w+) is the duty coordinator/.exec(textOf(await command(h, h.alex, 'duty', 'who')))?.[1] ?? 'nobody';
};
const dmsTo = async (person: Person) => (await owedMessages(h.t.deps)).filter((m) => m.recipientMemberId === person.id);
const events = async (kind: string) => h.t.deps.db.event.count({ where: { kind } });
// Events are not cleared between tests: count those a test adds from its own "before".
const eventsSince = async (kinds: string[]) => {
  const before = await Promise.all(kinds.map(events));
  return async () => (await Promise.all(kinds.map(events))).map((n, i) => n - before[i]!);
};

describe('rotations defined by coordinators', () => {
  it('takes weekly turns that hand over at 09:00 local across both clock changes', async () => {
    h.t.clock.set('2026-03-01T12:00:00Z');
    const added = await rota(h.sam, {
      change: 'rotation',
      name: 'Nights',
      members: 'Sam, Bo, Cy',
      turn: 'week',
      day: '2026-03-15',
      from: '09:00',
      to: '09:00',
    });
    expect(added).toContain(
      'Rotation nights added: every day 09:00–09:00 next day primary, weekly turns from 2026-03-15, in turn: Sam, Bo, Cy.',
    );
    expect([await whoAt('2026-03-29T07:59:00Z'), await whoAt('2026-03-29T08:00:00Z')]).toEqual(['Bo', 'Cy']); // 08:59 / 09:00 BST
    expect([await whoAt('2026-03-30T07:59:00Z'), await whoAt('2026-03-30T08:00:00Z')]).toEqual(['Cy', 'Cy']);
    expect([await whoAt('2026-10-25T08:59:00Z'), await whoAt('2026-10-25T09:00:00Z')]).toEqual(['Bo', 'Cy']); // 08:59 / 09:00 GMT
    expect([await whoAt('2026-10-24T07:59:00Z'), await whoAt('2026-10-24T08:00:00Z')]).toEqual(['Bo', 'Bo']);
    expect(await rota(h.sam, {})).toContain(
      'Rotation nights: every day 09:00–09:00 next day primary, weekly turns from 2026-03-15: Sam, Bo, Cy',
    );

    // The same name replaces it; removing it leaves nobody on.
    expect(
      await rota(h.sam, {
        change: 'rotation',
        name: 'nights',
        members: 'Cy, Sam',
        turn: 'day',
        days: 'mon-fri',
        day: '2026-10-26',
        from: '18:00',
        to: '22:00',
      }),
    ).toContain(
      'Rotation nights replaced: mon-fri 18:00–22:00 primary, daily turns from 2026-10-26, in turn: Cy, Sam.',
    );
    expect([
      await whoAt('2026-10-26T18:30:00Z'),
      await whoAt('2026-10-27T18:30:00Z'),
      await whoAt('2026-10-31T18:30:00Z'),
    ]).toEqual(['Cy', 'Sam', 'nobody']);
    expect(await rota(h.sam, { change: 'remove', name: 'nights' })).toContain('Removed the rotation nights');
    expect(await whoAt('2026-10-26T18:30:00Z')).toBe('nobody');
    expect([
      await events('rota.rotation_added'),
      await events('rota.rotation_replaced'),
      await events('rota.rotation_removed'),
    ]).toEqual([1, 1, 1]);
  });

  it('answers bad input by naming the option, and changes nothing', async () => {
    const base = {
      change: 'rotation',
      name: 'evenings',
      members: 'Sam, Bo',
      day: '2026-11-30',
      from: '18:00',
      to: '22:00',
    };
    expect(await rota(h.sam, { ...base, members: 'Sam, Zed' })).toContain(
      'members: I could not find an active member "Zed"',
    );
    expect(await rota(h.sam, { ...base, members: ' , ' })).toContain('members: a rotation needs at least one person');
    expect(await rota(h.sam, { ...base, members: 'Sam, Alex' })).toContain('Alex is not a coordinator');
    expect(await rota(h.sam, { ...base, days: 'someday' })).toContain('days: give the days the rotation runs');
    expect(await rota(h.sam, { ...base, day: '2026-02-30' })).toContain('day: give the date the first turn starts');
    expect(await rota(h.sam, { ...base, name: '' })).toContain('name: please name the rotation');
    expect(
      textOf(
        await command(h, h.sam, 'duty', 'cover', { member: 'Bo', from: '2026-11-30 18:00', to: '2026-11-30 09:00' }),
      ),
    ).toContain('to: the end should be after the start (from)');
    expect(textOf(await command(h, h.sam, 'duty', 'swap', { shift: '2026-11-30 18:00', with: 'Zed' }))).toContain(
      'with: I could not find an active member "Zed"',
    );
    expect(await h.t.deps.db.dutyRotation.count()).toBe(0);
    expect(await h.t.deps.db.dutyShift.count()).toBe(0);
  });
});

describe('one-off shifts and cover, removed or replaced', () => {
  it('removes or hands on a one-off; the weekly pattern applies again once it is gone', async () => {
    await rota(h.sam, { change: 'add', day: 'mon', from: '09:00', to: '17:00', member: 'Sam' });
    await rota(h.sam, { change: 'shift', day: '2026-11-30', from: '09:00', to: '13:00', member: 'Cy' });
    expect(await whoAt('2026-11-30T10:00:00Z')).toBe('Cy');
    h.t.clock.set('2026-11-24T08:00:00Z');
    expect(await rota(h.sam, { change: 'replace', day: '2026-11-30', from: '09:00', member: 'Bo' })).toContain(
      'Bo now has the one-off primary shift Mon 30 Nov 09:00 → Mon 30 Nov 13:00',
    );
    expect(await whoAt('2026-11-30T10:00:00Z')).toBe('Bo');
    h.t.clock.set('2026-11-24T08:00:00Z');
    expect(await rota(h.sam, { change: 'remove', day: '2026-11-30', from: '09:00' })).toContain(
      'Removed the one-off primary shift starting Mon 30 Nov 09:00',
    );
    expect(await whoAt('2026-11-30T10:00:00Z')).toBe('Sam');
    expect(await rota(h.sam, { change: 'remove', day: '2026-11-30', from: '09:00' })).toContain(
      'There is no one-off primary shift or cover starting Mon 30 Nov 09:00',
    );

    await command(h, h.sam, 'duty', 'cover', { member: 'Cy', from: '2026-12-07 12:00', to: '2026-12-07 14:00' });
    expect(await whoAt('2026-12-07T12:30:00Z')).toBe('Cy');
    h.t.clock.set('2026-11-24T08:00:00Z');
    expect(await rota(h.sam, { change: 'remove', day: '2026-12-07', from: '12:00' })).toContain(
      'Removed the one-off primary shift',
    );
    expect(await whoAt('2026-12-07T12:30:00Z')).toBe('Sam');
    expect([await events('rota.shift_replaced'), await events('rota.shift_removed')]).toEqual([1, 2]);
  });
});

describe('shift swaps asked of a colleague', () => {
  beforeEach(async () => {
    await rota(h.sam, { change: 'add', day: 'thu', from: '18:00', to: '22:00', member: 'Sam' });
    await rota(h.sam, { change: 'add', day: 'fri', from: '18:00', to: '22:00', member: 'Bo' });
  });

  it('changes who is on for exactly those shifts once the colleague accepts; a stranger pressing changes nothing', async () => {
    const swapEvents = await eventsSince(['rota.swap_requested', 'rota.swap_accepted']);
    expect(textOf(await command(h, h.sam, 'duty', 'swap', { shift: '2026-11-26 17:00', with: 'Bo' }))).toContain(
      'shift: You have no duty coordinator shift starting Thu 26 Nov 17:00 (Europe/London). The next ones start: 2026-11-26 18:00; 2026-12-03 18:00',
    );
    const asked = textOf(
      await command(h, h.sam, 'duty', 'swap', { shift: '2026-11-26 18:00', with: 'Bo', for: '2026-11-27 18:00' }),
    );
    expect(asked).toContain(
      'Asked Bo to take your shift Thu 26 Nov 18:00 → Thu 26 Nov 22:00, and to give you theirs Fri 27 Nov 18:00 → Fri 27 Nov 22:00',
    );
    const [request] = await dmsTo(h.bo);
    expect(request!.message.text).toBe(
      'Sam asks you to take their duty coordinator shift Thu 26 Nov 18:00 → Thu 26 Nov 22:00, and to give them yours Fri 27 Nov 18:00 → Fri 27 Nov 22:00 in return (Europe/London).',
    );
    const accept = request!.message.buttons!.find((b) => b.actionId === ACCEPT_SWAP)!;

    expect(textOf(await press(h, h.cy, ACCEPT_SWAP, accept.value!))).toBe(
      'Only Bo, who was asked, can answer this swap request.',
    );
    expect(textOf(await press(h, h.alex, ACCEPT_SWAP, accept.value!))).toContain('for coordinators only');
    expect(await h.t.deps.db.dutySwap.findFirstOrThrow()).toMatchObject({ status: 'pending' });
    expect(await whoAt('2026-11-26T19:00:00Z')).toBe('Sam');

    h.t.clock.set('2026-11-24T10:00:00Z');
    expect(textOf(await press(h, h.bo, ACCEPT_SWAP, accept.value!))).toContain(
      "Swap accepted: you take Sam's duty coordinator shift Thu 26 Nov 18:00 → Thu 26 Nov 22:00 for yours Fri 27 Nov 18:00 → Fri 27 Nov 22:00. Sam has been told.",
    );
    expect((await dmsTo(h.sam)).map((m) => m.message.text)).toContain(
      'Bo accepted your swap: they take your duty coordinator shift Thu 26 Nov 18:00 → Thu 26 Nov 22:00, and you take theirs Fri 27 Nov 18:00 → Fri 27 Nov 22:00.',
    );
    const edited = (await dmsTo(h.bo)).find((m) => m.kind === 'update')!;
    expect(edited.message.buttons).toBeUndefined();
    expect([
      await whoAt('2026-11-26T19:00:00Z'),
      await whoAt('2026-11-27T19:00:00Z'),
      await whoAt('2026-12-03T19:00:00Z'),
    ]).toEqual(['Bo', 'Sam', 'Sam']);
    expect(textOf(await press(h, h.bo, DECLINE_SWAP, accept.value!))).toBe(
      'You already answered this swap request (accepted).',
    );
    expect(await swapEvents()).toEqual([1, 1]);
  });

  it('leaves the shift as it was when the colleague declines, and tells both', async () => {
    const declinedEvents = await eventsSince(['rota.swap_declined']);
    await command(h, h.sam, 'duty', 'swap', { shift: '2026-12-03 18:00', with: 'Cy' });
    const [request] = await dmsTo(h.cy);
    const decline = request!.message.buttons!.find((b) => b.actionId === DECLINE_SWAP)!;
    expect(textOf(await press(h, h.cy, DECLINE_SWAP, decline.value!))).toBe(
      "Swap declined: Sam's duty coordinator shift Thu 3 Dec 18:00 → Thu 3 Dec 22:00 stays as it was. Sam has been told.",
    );
    expect((await dmsTo(h.sam)).map((m) => m.message.text)).toContain(
      'Cy declined your swap of the duty coordinator shift Thu 3 Dec 18:00 → Thu 3 Dec 22:00; it stays yours. You could ask someone else with /duty swap.',
    );
    expect(await whoAt('2026-12-03T19:00:00Z')).toBe('Sam');
    expect(await h.t.deps.db.dutyShift.count()).toBe(0);
    expect((await declinedEvents())[0]).toBe(1);
  });

  it('lapses, changing nothing, when the rota changed before the answer', async () => {
    await command(h, h.sam, 'duty', 'swap', { shift: '2026-11-26 18:00', with: 'Bo' });
    await command(h, h.sam, 'duty', 'cover', { member: 'Cy', from: '2026-11-26 18:00', to: '2026-11-26 22:00' });
    const [request] = await dmsTo(h.bo);
    expect(textOf(await press(h, h.bo, ACCEPT_SWAP, request!.message.buttons![0]!.value!))).toContain(
      'This swap can no longer be made',
    );
    expect(await whoAt('2026-11-26T19:00:00Z')).toBe('Cy');
  });
});
