// Private calendar feeds through the real HTTP server: the feed parses as iCalendar (RFC 5545,
// checked by a strict little parser here) with the coordinator's shifts, and a reset address stops
// working with a clear page.
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerDutyPages } from '../../../src/features/duty/calendar.js';
import { calendarText, escapeText, foldLine } from '../../../src/features/duty/ical.js';
import { ACCEPT_SWAP } from '../../../src/features/duty/messages.js';
import { startHttpServer, type HttpServer } from '../../../src/http.js';
import { WebRouter } from '../../../src/web/index.js';
import { owedMessages } from '../../helpers/owed.js';
import { command, createHarness, press, reset, textOf, type Harness } from '../escalation/fixture.js';

interface Event {
  uid: string;
  stamp: string;
  start: string;
  end: string;
  summary: string;
  description: string;
}

const unescapeText = (v: string) => v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
const utc = (v: string) => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  if (!m) throw new Error(`not a UTC DATE-TIME: ${v}`);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
};

/** A strict reading of what the feed must be: CRLF lines of at most 75 octets, folded, nested components, the required properties. */
function parseCalendar(text: string): { props: Map<string, string>; events: Event[] } {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(line).not.toMatch(/[\r\n]/);
  }
  const lines = physical
    .join('\r\n')
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n');
  const stack: string[] = [];
  const props = new Map<string, string>();
  const events: Event[] = [];
  let current: Map<string, string> | undefined;
  for (const line of lines) {
    const m = /^([A-Z-]+)((?:;[A-Z-]+=[^;:]*)*):(.*)$/.exec(line);
    if (!m) throw new Error(`not a content line: ${line}`);
    const [, name = '', , value = ''] = m;
    if (name === 'BEGIN') {
      stack.push(value);
      if (value === 'VEVENT') current = new Map();
    } else if (name === 'END') {
      expect(stack.pop()).toBe(value);
      if (value === 'VEVENT') {
        for (const p of ['UID', 'DTSTAMP', 'DTSTART', 'DTEND']) expect(current!.has(p), p).toBe(true);
        events.push({
          uid: current!.get('UID')!,
          stamp: utc(current!.get('DTSTAMP')!),
          start: utc(current!.get('DTSTART')!),
          end: utc(current!.get('DTEND')!),
          summary: unescapeText(current!.get('SUMMARY') ?? ''),
          description: unescapeText(current!.get('DESCRIPTION') ?? ''),
        });
        current = undefined;
      }
    } else (current ?? props).set(name, value);
  }
  expect(stack).toEqual([]);
  expect([props.get('VERSION'), Boolean(props.get('PRODID'))]).toEqual(['2.0', true]);
  return { props, events };
}

describe('the iCalendar writer', () => {
  // Text with what must be escaped and multi-octet characters (a 4-octet emoji must never be split).
  const unit = fc.oneof(
    fc.constantFrom(';', ',', '\\', '\n', '\r\n', 'é', '€', '😀', ' '),
    fc.string({ minLength: 1, maxLength: 1 }),
  );
  it('property: folded lines are at most 75 octets and unfold to the line, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), (text) => {
        const line = `DESCRIPTION:${escapeText(text)}`;
        const folded = foldLine(line);
        for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
        expect(folded.replace(/\r\n /g, '')).toBe(line);
        expect(unescapeText(escapeText(text))).toBe(text.replace(/\r\n|\r/g, '\n'));
      }),
      { numRuns: 100 },
    );
  });

  it('escapes text and ends every line with CRLF', () => {
    const ics = calendarText({ name: 'Duty; shifts, all', stamp: new Date('2026-11-23T08:00:00Z'), events: [] });
    expect(ics).toContain('X-WR-CALNAME:Duty\\; shifts\\, all\r\n');
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});

describe('a coordinator’s calendar feed through the HTTP server', () => {
  let h: Harness;
  let http: HttpServer;
  beforeAll(async () => {
    h = await createHarness({ config: { PUBLIC_URL: 'https://duty.example.org' } });
    const web = new WebRouter(h.t.deps);
    registerDutyPages(web);
    http = await startHttpServer(0, { host: '127.0.0.1' });
    web.mount(http);
  });
  afterAll(async () => {
    await http.close();
    await h.close();
  });
  beforeEach(async () => {
    await reset(h);
    await h.t.deps.db.$executeRawUnsafe('TRUNCATE "DutyRotation", "DutySwap", "CalendarFeed"');
    h.t.clock.set('2026-11-23T08:00:00Z'); // Monday
  });

  const feedUrl = async (change?: string) => {
    const answer = textOf(await command(h, h.bo, 'duty', 'calendar', change ? { change } : {}));
    const url = /https:\/\/duty\.example\.org(\/calendar\/[A-Za-z0-9_-]{43}\.ics)/.exec(answer);
    expect(url, answer).not.toBeNull();
    return url![1]!;
  };
  const get = (path: string) => fetch(`http://127.0.0.1:${http.port}${path}`);

  it('lists the coordinator’s shifts (weekly, rotation, cover, swap) for the weeks around now', async () => {
    await command(h, h.sam, 'duty', 'rota', {
      change: 'add',
      day: 'tue',
      from: '09:00',
      to: '17:00',
      member: 'Bo',
      position: 'backup',
    });
    await command(h, h.sam, 'duty', 'rota', {
      change: 'rotation',
      name: 'evenings',
      members: 'Bo, Cy',
      turn: 'week',
      day: '2026-11-23',
      from: '18:00',
      to: '22:00',
    });
    await command(h, h.sam, 'duty', 'cover', { member: 'Sam', from: '2026-11-25 20:00', to: '2026-11-25 22:00' });
    await command(h, h.sam, 'duty', 'rota', { change: 'add', day: 'thu', from: '09:00', to: '12:00', member: 'Sam' });
    await command(h, h.sam, 'duty', 'swap', { shift: '2026-12-03 09:00', with: 'Bo' });
    const request = (await owedMessages(h.t.deps)).find((m) => m.recipientMemberId === h.bo.id && m.message.buttons)!;
    await press(h, h.bo, ACCEPT_SWAP, request.message.buttons![0]!.value!);

    const path = await feedUrl();
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const { props, events } = parseCalendar(await response.text());
    expect(unescapeText(props.get('X-WR-CALNAME')!)).toBe('Duty shifts: Bo');
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    const week = events
      .filter((e) => e.start < '2026-12-04')
      .map((e) => [e.start.slice(0, 16), e.end.slice(11, 16), e.summary, e.description.split('.')[0]]);
    expect(week).toEqual([
      ['2026-11-10T09:00', '17:00', 'On duty: backup', 'Weekly rota'], // the last two weeks too
      ['2026-11-17T09:00', '17:00', 'On duty: backup', 'Weekly rota'],
      ['2026-11-23T18:00', '22:00', 'On duty: duty coordinator', 'Rotation: evenings'],
      ['2026-11-24T09:00', '17:00', 'On duty: backup', 'Weekly rota'],
      ['2026-11-24T18:00', '22:00', 'On duty: duty coordinator', 'Rotation: evenings'],
      ['2026-11-25T18:00', '20:00', 'On duty: duty coordinator', 'Rotation: evenings'], // Sam covers 20:00-22:00
      ['2026-11-26T18:00', '22:00', 'On duty: duty coordinator', 'Rotation: evenings'],
      ['2026-11-27T18:00', '22:00', 'On duty: duty coordinator', 'Rotation: evenings'],
      ['2026-11-28T18:00', '22:00', 'On duty: duty coordinator', 'Rotation: evenings'],
      ['2026-11-29T18:00', '22:00', 'On duty: duty coordinator', 'Rotation: evenings'],
      ['2026-12-01T09:00', '17:00', 'On duty: backup', 'Weekly rota'],
      ['2026-12-03T09:00', '12:00', 'On duty: duty coordinator', 'Swap'],
    ]);
    // Eight weeks ahead: the last is Tuesday 12 January's backup shift (that week's evenings are Cy's turn).
    expect(events.at(-1)!.start.slice(0, 16)).toBe('2027-01-12T09:00');
    expect(events.every((e) => e.stamp === '2026-11-23T08:00:00.000Z')).toBe(true);
  });

  it('stops the old address on reset (410), answers an unknown one with 404, and shows an address only once', async () => {
    await command(h, h.sam, 'duty', 'rota', { change: 'add', day: 'tue', from: '09:00', to: '17:00', member: 'Bo' });
    const first = await feedUrl();
    expect(textOf(await command(h, h.bo, 'duty', 'calendar'))).toContain(
      'You already have a calendar address. It is shown only once',
    );
    expect((await get(first)).status).toBe(200);
    const second = await feedUrl('reset');
    expect(second).not.toBe(first);
    const gone = await get(first);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('This calendar address no longer works: it was replaced or revoked.');
    expect((await get(second)).status).toBe(200);
    const unknown = await get(`/calendar/${'A'.repeat(43)}.ics`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('There is no calendar at this address.');
    const stored = await h.t.deps.db.calendarFeed.findMany();
    expect(stored.map((f) => f.tokenHash).some((hash) => first.includes(hash) || second.includes(hash))).toBe(false);
    expect(textOf(await command(h, h.alex, 'duty', 'calendar'))).toContain('for coordinators only');
  });
});
