// Properties of the Discord edge: anything the gateway sends is either read or refused (never a
// crash), option values reach the router only as strings, numbers or booleans, custom ids
// round-trip, and every form, whatever its fields, becomes modals within Discord's limits whose
// answers come back unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineForm, field, type Field, type FormDef } from '../../../src/core/form.js';
import {
  actionCustomId,
  newFormCustomIds,
  openStepCustomId,
  readCustomId,
  submitStepCustomId,
} from '../../../src/surfaces/discord/custom-ids.js';
import { formSteps, stepAnswers, stepModal } from '../../../src/surfaces/discord/form-steps.js';
import { readInteraction } from '../../../src/surfaces/discord/inbound.js';
import { discordUser, modalSubmission, slashCommand } from '../../helpers/discord-payloads.js';

const where = { applicationId: '100000000000000001' };
const user = discordUser('tay');
const ctx = { timeZone: 'Europe/London', now: new Date('2026-11-23T09:00:00Z') };

describe('reading interactions', () => {
  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const read = readInteraction(raw);
        expect(typeof read.ok).toBe('boolean');
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.constantFrom(2, 3, 4, 5), fc.jsonValue(), (type, data) => {
        const read = readInteraction({ ...slashCommand(user, where, 'help'), type, data });
        if (read.ok) expect(['command', 'component', 'modal', 'ignored']).toContain(read.interaction.body.kind);
      }),
      { numRuns: 100 },
    );
  });

  it('passes option values on only when they are strings, finite numbers or booleans', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 2 }),
      fc.object({ maxDepth: 1 }),
    );
    const option = fc.record({
      name: fc.constantFrom('until', 'code', 'member', 'role'),
      type: fc.constantFrom(3, 4, 5, 10),
      value,
    });
    fc.assert(
      fc.property(fc.uniqueArray(option, { selector: (o) => o.name, maxLength: 4 }), fc.boolean(), (options, sub) => {
        const read = readInteraction(
          slashCommand(user, where, 'network', sub ? { subcommand: 'role', options } : { options }),
        );
        const readable = options.every(
          (o) =>
            typeof o.value === 'string' ||
            typeof o.value === 'boolean' ||
            (typeof o.value === 'number' && Number.isFinite(o.value)),
        );
        expect(read.ok).toBe(readable);
        if (!read.ok || read.interaction.body.kind !== 'command') return;
        expect(read.interaction.body).toEqual({
          kind: 'command',
          command: 'network',
          subcommand: sub ? 'role' : undefined,
          options: Object.fromEntries(options.map((o) => [o.name, o.value])),
        });
      }),
      { numRuns: 100 },
    );
  });

  it('names the member by nickname, display name or user name, in a server or a direct message', () => {
    const read = readInteraction(
      slashCommand({ id: '123456789012345678', username: 'tay_w', globalName: 'Tay' }, { ...where, dm: true }, 'help'),
    );
    expect(read).toMatchObject({
      ok: true,
      interaction: { user: { platform: 'discord', platformUserId: '123456789012345678', displayName: 'Tay' } },
    });
    expect(readInteraction({ ...slashCommand(user, where, 'help'), member: undefined })).toMatchObject({
      ok: false,
      problem: 'no member or user',
    });
  });
});

describe('custom ids', () => {
  it('round-trip actions, and steps of drafts', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z.]{0,30}$/), fc.string({ maxLength: 120 }), (actionId, value) => {
        const id = actionCustomId(actionId, value);
        if (id === undefined) return expect(`a:${actionId}:${value}`.length).toBeGreaterThan(100);
        expect(id.length).toBeLessThanOrEqual(100);
        expect(readCustomId(id)).toEqual({ kind: 'action', actionId, value });
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.uuid({ version: 4 }), fc.integer({ min: 0, max: 99 }), (draftId, step) => {
        expect(readCustomId(openStepCustomId(draftId, step))).toEqual({ kind: 'open-step', draftId, step });
        expect(readCustomId(submitStepCustomId(draftId, step))).toEqual({ kind: 'submit-step', draftId, step });
      }),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(fc.uuid({ version: 4 }), fc.stringMatching(/^[a-z][a-z.]{0,59}$/), (draftId, formId) => {
        const ids = newFormCustomIds(draftId, formId)!;
        expect(readCustomId(ids.open)).toEqual({ kind: 'open-new', draftId, formId });
        expect(readCustomId(ids.submit)).toEqual({ kind: 'submit-new', draftId, formId });
      }),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 150 }), (raw) => void readCustomId(raw)),
      { numRuns: 100 },
    );
  });
});

const text = fc.string({ minLength: 1, maxLength: 70 });
const choices = fc
  .uniqueArray(fc.stringMatching(/^[a-z_]{1,20}$/), { minLength: 1, maxLength: 30 })
  .map((values) => values.map((v) => ({ value: v, label: `Option ${v}` })));
const anyField: fc.Arbitrary<Field> = fc.oneof(
  text.map((label) => field.shortText({ label, hint: 'A hint' })),
  text.map((label) => field.longText({ label, required: false })),
  fc.tuple(text, choices).map(([label, options]) => field.select({ label, options })),
  fc.tuple(text, choices).map(([label, options]) => field.multiSelect({ label, options, required: false })),
  text.map((label) => field.number({ label, min: -5, max: 120 })),
  text.map((label) => field.date({ label, notInFuture: true })),
  text.map((label) => field.dateTime({ label })),
  text.map((label) => field.yesNo({ label, hint: 'x'.repeat(120) })),
);
const anyForm: fc.Arbitrary<FormDef> = fc
  .record({
    title: text,
    intro: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
    fields: fc.array(anyField, { minLength: 1, maxLength: 14 }),
  })
  .map(({ title, intro, fields }) =>
    defineForm({
      id: 'any',
      title,
      intro,
      precondition: 'anyMember',
      fields: Object.fromEntries(fields.map((f, i) => [`field${i}`, f])),
    }),
  );
const draftId = '0b5a3c1e-8f3e-4c1a-9a51-2f6f2d9e7c10';

describe('forms as modals', () => {
  it('split every field, in order, into steps of at most five, each within Discord limits', () => {
    fc.assert(
      fc.property(anyForm, (form) => {
        const steps = formSteps(form);
        expect(steps.flat()).toEqual(Object.keys(form.fields));
        steps.forEach((ids, step) => {
          const modal = stepModal(form, draftId, step, {}, ctx);
          expect(modal.components.length).toBeLessThanOrEqual(5);
          expect(modal.title.length).toBeLessThanOrEqual(45);
          expect(modal.custom_id.length).toBeLessThanOrEqual(100);
          const labels = modal.components.filter((c) => c.type === 18);
          expect(labels.map((c) => c.component.custom_id)).toEqual(ids);
          for (const label of labels) {
            expect(label.label.length).toBeLessThanOrEqual(45);
            expect((label.description ?? '').length).toBeLessThanOrEqual(100);
            const input = label.component;
            if (input.type === 4) {
              expect(input.max_length).toBeGreaterThanOrEqual(1);
              expect(input.max_length).toBeLessThanOrEqual(4000);
              expect((input.placeholder ?? '').length).toBeLessThanOrEqual(100);
            } else if (input.type === 3) {
              expect(input.options.length).toBeLessThanOrEqual(25);
              expect(input.min_values ?? 0).toBeLessThanOrEqual(input.max_values ?? 1);
              expect(input.max_values ?? 1).toBeLessThanOrEqual(input.options.length);
            }
          }
        });
      }),
      { numRuns: 100 },
    );
  });

  it('read back a step’s answers exactly as given', () => {
    const answers = (form: FormDef, ids: string[]) =>
      fc.record(
        Object.fromEntries(
          ids.map((id) => {
            const f = form.fields[id]!;
            const asSelect =
              f.kind === 'yes_no' ||
              ((f.kind === 'single_select' || f.kind === 'multi_select') && (f.options?.length ?? 0) <= 25);
            const values = f.kind === 'yes_no' ? ['yes', 'no'] : (f.options ?? []).map((o) => o.value);
            const arb: fc.Arbitrary<string | string[]> = asSelect
              ? f.kind === 'multi_select'
                ? fc.subarray(values)
                : fc.constantFrom(...values).map((v) => [v])
              : fc.string({ maxLength: 200 });
            return [id, arb];
          }),
        ),
      );
    fc.assert(
      fc.property(
        anyForm.chain((form) => fc.tuple(fc.constant(form), answers(form, formSteps(form)[0]!))),
        ([form, given]) => {
          const ids = formSteps(form)[0]!;
          const read = readInteraction(modalSubmission(user, where, stepModal(form, draftId, 0, {}, ctx), given));
          if (!read.ok || read.interaction.body.kind !== 'modal') throw new Error(`not read: ${JSON.stringify(read)}`);
          const back = stepAnswers(form, ids, read.interaction.body.fields);
          for (const id of ids) {
            const sent = given[id]!;
            expect(back[id]).toEqual(Array.isArray(sent) && form.fields[id]!.kind !== 'multi_select' ? sent[0] : sent);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
