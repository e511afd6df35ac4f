// The Slack surface's pure parts: payload reading, Block Kit rendering of messages and forms, and
// modal state back to raw values. Property tests keep them within Slack's limits for any input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineForm, field, type FormDef } from '../../../src/core/form.js';
import type { Message } from '../../../src/core/message.js';
import { debriefForm } from '../../../src/features/debrief/forms.js';
import { profileForm } from '../../../src/features/members/forms.js';
import { catalogue } from '../../../commands/index.js';
import { submissionResponse } from '../../../src/surfaces/slack/listeners/submission.js';
import { formModal, readContext, submittedValues } from '../../../src/surfaces/slack/modal.js';
import { readPayload, type StateValues } from '../../../src/surfaces/slack/payloads.js';
import { fallbackText, messageBlocks, routerActionId } from '../../../src/surfaces/slack/render.js';
import { DEFAULT_SETUP, slackCommandNames } from '../../../src/surfaces/slack/slash-commands.js';
import { fillModal, slashCommandBody, viewSubmissionPayload } from '../../helpers/slack-requests.js';

const everyKind = defineForm({
  id: 'every-kind',
  title: 'A form with every kind of field in it',
  precondition: 'anyMember',
  fields: {
    short: field.shortText({ label: 'Short', required: false }),
    long: field.longText({ label: 'Long', required: false }),
    one: field.select({
      label: 'One',
      required: false,
      options: [
        { value: 'a', label: 'Option A' },
        { value: 'b', label: 'Option B' },
      ],
    }),
    many: field.multiSelect({
      label: 'Many',
      required: false,
      options: [
        { value: 'x', label: 'X' },
        { value: 'y', label: 'Y' },
        { value: 'z', label: 'Z' },
      ],
    }),
    count: field.number({ label: 'Count', required: false, min: 0, max: 10 }),
    day: field.date({ label: 'Day', required: false }),
    at: field.dateTime({ label: 'At', required: false }),
    ok: field.yesNo({ label: 'OK?', required: false }),
  },
});

type Walked = { type?: string; text?: unknown; [key: string]: unknown };

/** Every text object in a block tree. */
function texts(node: unknown, out: { type: string; text: string }[] = []): { type: string; text: string }[] {
  if (Array.isArray(node)) {
    for (const n of node) texts(n, out);
  } else if (node && typeof node === 'object') {
    const o = node as Walked;
    if ((o.type === 'plain_text' || o.type === 'mrkdwn') && typeof o.text === 'string')
      out.push({ type: o.type, text: o.text });
    for (const v of Object.values(o)) texts(v, out);
  }
  return out;
}

describe('reading Slack payloads', () => {
  it('never throws, whatever the body', () => {
    fc.assert(
      fc.property(fc.anything(), (body) => {
        expect(['command', 'submission', 'action', 'home', 'ignored', 'malformed']).toContain(readPayload(body).kind);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps a slash command text as typed and rejects a command without a user or trigger', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const fields = Object.fromEntries(
          new URLSearchParams(
            slashCommandBody({
              command: '/network',
              text,
              userId: 'U0JO',
              responseUrl: 'https://hooks.slack.com/commands/T0/1/abc',
            }),
          ),
        );
        const read = readPayload(fields);
        expect(read.kind === 'command' && read.body.text).toBe(text);
        expect(readPayload({ ...fields, user_id: undefined }).kind).toBe('malformed');
        expect(readPayload({ ...fields, trigger_id: '' }).kind).toBe('malformed');
      }),
      { numRuns: 50 },
    );
  });

  it('sorts other payloads: view_closed and other events are ignored, the Home tab only for tab "home"', () => {
    expect(readPayload({ type: 'view_closed', user: { id: 'U1' }, view: {} }).kind).toBe('ignored');
    expect(readPayload({ type: 'event_callback', event: { type: 'message', text: 'hi' } }).kind).toBe('ignored');
    expect(
      readPayload({ type: 'event_callback', event: { type: 'app_home_opened', user: 'U1', tab: 'messages' } }).kind,
    ).toBe('ignored');
    expect(
      readPayload({ type: 'event_callback', event: { type: 'app_home_opened', user: 'U1', tab: 'home' } }),
    ).toEqual({ kind: 'home', userId: 'U1' });
    expect(readPayload({ type: 'event_callback', event: { type: 'app_home_opened' } }).kind).toBe('malformed');
  });
});

const message = fc.record(
  {
    text: fc.string({ maxLength: 7000 }),
    title: fc.string({ minLength: 1, maxLength: 200 }),
    tone: fc.constantFrom('info', 'success', 'warning', 'urgent'),
    fields: fc.array(
      fc.record({
        label: fc.string({ minLength: 1, maxLength: 100 }),
        value: fc.string({ minLength: 1, maxLength: 2500 }),
      }),
      { maxLength: 23 },
    ),
    buttons: fc.array(
      fc.record({
        actionId: fc.constantFrom('profile.edit', 'escalation.ack', 'network.deactivate.confirm'),
        label: fc.string({ minLength: 1, maxLength: 100 }),
        value: fc.option(fc.string({ maxLength: 2100 }), { nil: undefined }),
      }),
      { maxLength: 30 },
    ),
  },
  { requiredKeys: ['text'] },
) as fc.Arbitrary<Message>;

describe('rendering messages as blocks', () => {
  it('stays within Block Kit limits, escapes every mrkdwn text and keeps buttons routable', () => {
    fc.assert(
      fc.property(message, (m) => {
        const blocks = messageBlocks(m) as Walked[];
        for (const block of blocks) {
          if (block.type === 'header')
            expect([...(block.text as { text: string }).text].length).toBeLessThanOrEqual(150);
          if (block.type === 'section' && block.text)
            expect([...(block.text as { text: string }).text].length).toBeLessThanOrEqual(3000);
          if (block.type === 'section' && block.fields) {
            expect((block.fields as unknown[]).length).toBeLessThanOrEqual(10);
            for (const f of block.fields as { text: string }[]) expect([...f.text].length).toBeLessThanOrEqual(2000);
          }
          if (block.type === 'actions') {
            const elements = block.elements as { action_id: string; text: { text: string }; value?: string }[];
            expect(elements.length).toBeLessThanOrEqual(25);
            expect(new Set(elements.map((e) => e.action_id)).size).toBe(elements.length);
            for (const e of elements) {
              expect([...e.text.text].length).toBeLessThanOrEqual(75);
              expect([...(e.value ?? '')].length).toBeLessThanOrEqual(2000);
            }
          }
        }
        const routed = blocks
          .filter((b) => b.type === 'actions')
          .flatMap((b) => (b.elements as { action_id: string }[]).map((e) => routerActionId(e.action_id)));
        expect(routed).toEqual((m.buttons ?? []).map((b) => b.actionId));
        for (const t of texts(blocks))
          if (t.type === 'mrkdwn') expect(t.text.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/[<>&]/);
        expect(fallbackText([m]).replace(/&(amp|lt|gt);/g, '')).not.toMatch(/[<>&]/);
      }),
      { numRuns: 60 },
    );
  });

  it('cannot mention a channel or make a link from text', () => {
    const blocks = messageBlocks({
      text: 'Hello <!channel> <https://evil.example|click>',
      fields: [{ label: '<@U1>', value: '<!here>' }],
    });
    expect((blocks[0] as { text: { type: string } }).text.type).toBe('plain_text');
    expect(JSON.stringify(blocks[1])).not.toMatch(/<!here>|<@U1>/);
    expect(JSON.stringify(blocks[1])).toContain('&lt;!here&gt;');
  });
});

describe('forms as modals', () => {
  it('renders each field kind as its Block Kit element, within the limits', () => {
    const modal = formModal({ form: everyKind, context: { caseId: 'case-1' } });
    expect([...modal.title.text].length).toBeLessThanOrEqual(24);
    const inputs = modal.blocks.filter((b) => b.type === 'input') as {
      block_id: string;
      optional: boolean;
      element: { type: string };
    }[];
    expect(Object.fromEntries(inputs.map((b) => [b.block_id, b.element.type]))).toEqual({
      short: 'plain_text_input',
      long: 'plain_text_input',
      one: 'static_select',
      many: 'multi_static_select',
      count: 'number_input',
      day: 'datepicker',
      at: 'datepicker',
      'at.time': 'timepicker',
      ok: 'radio_buttons',
    });
    expect(inputs.every((b) => b.optional)).toBe(true);
    expect(readContext(modal.private_metadata!)).toEqual({ caseId: 'case-1' });
  });

  it('fills in answers already known', () => {
    const modal = formModal({
      form: everyKind,
      initial: { short: 'Hi', one: 'b', many: 'x,z', count: '3', day: '2026-03-29', at: '2026-03-29 01:30', ok: 'yes' },
    });
    const element = (id: string) => {
      const block = modal.blocks.find((b) => b.type === 'input' && b.block_id === id);
      return Object.fromEntries(Object.entries(block && 'element' in block ? block.element : {}));
    };
    expect(element('short').initial_value).toBe('Hi');
    expect(element('one').initial_option).toMatchObject({ value: 'b' });
    expect((element('many').initial_options as { value: string }[]).map((o) => o.value)).toEqual(['x', 'z']);
    expect(element('count').initial_value).toBe('3');
    expect(element('day').initial_date).toBe('2026-03-29');
    expect(element('at').initial_date).toBe('2026-03-29');
    expect(element('at.time').initial_time).toBe('01:30');
    expect(element('ok').initial_option).toMatchObject({ value: 'yes' });
  });

  it('reads any filled-in modal back to the raw values the router parses', () => {
    const answers = fc.record(
      {
        short: fc.string({ maxLength: 150 }),
        long: fc.string({ maxLength: 500 }),
        one: fc.constantFrom('a', 'b'),
        many: fc.subarray(['x', 'y', 'z']),
        count: fc.integer({ min: 0, max: 10 }).map(String),
        day: fc
          .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        at: fc
          .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 16).replace('T', ' ')),
        ok: fc.constantFrom('yes', 'no'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(answers, (given) => {
        const modal = formModal({ form: everyKind });
        const typed: Record<string, string | string[]> = { ...given };
        if (given.at) Object.assign(typed, { at: given.at.slice(0, 10), 'at.time': given.at.slice(11) });
        const state = fillModal(modal as Parameters<typeof fillModal>[0], typed) as StateValues;
        const raw = submittedValues(everyKind as FormDef, state);
        for (const id of Object.keys(everyKind.fields)) {
          const want = (given as Record<string, unknown>)[id];
          if (id === 'many') expect(raw.many).toEqual(want ?? []);
          else expect(raw[id]).toEqual(want);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('reads the debrief and profile modals as Slack submits them', () => {
    const debrief = formModal({ form: debriefForm });
    const submitted = viewSubmissionPayload({
      userId: 'U1',
      viewId: 'V1',
      view: debrief as never,
      answers: {
        caseCode: 'MS-0042',
        sessionDate: '2026-11-20',
        sessionWent: 'mixed',
        feeling: '2',
        flagConcern: 'yes',
      },
    });
    const read = readPayload(submitted);
    if (read.kind !== 'submission') throw new Error(`read as ${read.kind}`);
    expect(submittedValues(debriefForm, read.body.view.state.values)).toEqual({
      caseCode: 'MS-0042',
      sessionDate: '2026-11-20',
      sessionWent: 'mixed',
      feeling: '2',
      flagConcern: 'yes',
      notes: undefined,
      clientState: [],
      topics: [],
      practicalSupport: [],
    });
    const profile = formModal({ form: profileForm });
    const state = fillModal(profile as never, {
      displayName: 'Sam',
      timeZone: 'Europe/London',
      specialisms: [],
    }) as StateValues;
    expect(submittedValues(profileForm, state)).toMatchObject({ displayName: 'Sam', specialisms: [] });
  });

  it('treats unreadable private_metadata as no context', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(typeof readContext(text)).toBe('object');
      }),
      { numRuns: 50 },
    );
    expect(readContext('{"c":{"a":1}}')).toEqual({});
  });

  it('refuses a context too large for Slack instead of sending a broken modal', () => {
    expect(() => formModal({ form: everyKind, context: { big: 'x'.repeat(3000) } })).toThrow('context too large');
  });
});

describe('answering a submission', () => {
  const names = slackCommandNames(catalogue, DEFAULT_SETUP);
  it('shows errors inline, a further form on top, a refusal on top of the answers, and an outcome in place', () => {
    expect(
      submissionResponse(
        'T',
        { messages: [], errors: { caseCode: 'Case code should look like MS-0042' }, saved: false },
        names,
      ),
    ).toEqual({ response_action: 'errors', errors: { caseCode: 'Case code should look like MS-0042' } });
    expect(submissionResponse('T', { messages: [], form: { form: everyKind }, saved: true }, names)).toMatchObject({
      response_action: 'push',
      view: { callback_id: 'every-kind' },
    });
    expect(
      submissionResponse(
        'T',
        { messages: [{ text: 'Sorry, that is for coordinators only.', tone: 'warning' }], saved: false },
        names,
      ),
    ).toMatchObject({ response_action: 'push' });
    expect(
      submissionResponse(
        'T',
        {
          messages: [
            { text: 'Saved.', tone: 'success' },
            { text: 'Call 999 first.', tone: 'urgent' },
          ],
          saved: true,
        },
        names,
      ),
    ).toMatchObject({ response_action: 'update', view: { callback_id: 'msb_result' } });
    expect(submissionResponse('T', { messages: [], saved: true }, names)).toBeUndefined();
    // Whether the form stays open is the outcome's `saved`, never the messages' tones.
    expect(
      submissionResponse('T', { messages: [{ text: 'Pick a later date.', tone: 'info' }], saved: false }, names),
    ).toMatchObject({ response_action: 'push' });
    expect(
      submissionResponse(
        'T',
        { messages: [{ text: 'Saved; the reviewer is away.', tone: 'warning' }], saved: true },
        names,
      ),
    ).toMatchObject({ response_action: 'update' });
  });

  it('names commands in the modal as they are typed on Slack', () => {
    const refused = submissionResponse(
      'T',
      { messages: [{ text: 'There is no case MS-0999. /case list shows the cases.', tone: 'warning' }], saved: false },
      names,
    );
    expect(JSON.stringify(refused)).toContain('/msn case list shows the cases');
    const errors = submissionResponse(
      'T',
      { messages: [], errors: { member: 'See /profile edit for the list.' }, saved: false },
      names,
    );
    expect(errors).toEqual({ response_action: 'errors', errors: { member: 'See /msn profile edit for the list.' } });
  });
});
