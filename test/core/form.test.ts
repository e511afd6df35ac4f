import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { field, parseField, parseForm } from '../../src/core/form.js';
import { debriefForm } from '../../src/features/debrief/forms.js';

const ctx = { timeZone: 'Europe/London', now: new Date('2026-11-23T09:00:00Z') };
const good = {
  caseCode: 'ms-0042',
  sessionDate: 'today',
  sessionWent: '2',
  feeling: '4',
  flagConcern: 'no',
  notes: '',
};

describe('forms', () => {
  it('parses a whole debrief into typed values', () => {
    const result = parseForm(debriefForm, good, ctx);
    expect(result).toEqual({
      ok: true,
      values: {
        caseCode: 'ms-0042',
        sessionDate: '2026-11-23',
        sessionWent: 'mixed',
        feeling: 4,
        flagConcern: false,
        notes: undefined,
        clientState: [],
        topics: [],
        practicalSupport: [],
      },
    });
  });

  it('names every field that is wrong, kindly', () => {
    const result = parseForm(
      debriefForm,
      { caseCode: 'Jane Smith', sessionDate: '2026-13-40', sessionWent: 'great', feeling: '9', flagConcern: 'maybe' },
      ctx,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      caseCode: expect.stringContaining('Never a name'),
      sessionDate: expect.stringContaining('should be a date like 2026-11-23'),
      sessionWent: expect.stringContaining('please choose one of'),
      feeling: 'How are you feeling, from 1 to 5? should be from 1 to 5.',
      flagConcern: expect.stringContaining('yes or no'),
    });
  });

  it('refuses a session date in the future, in the mentor’s own zone', () => {
    const late = { timeZone: 'America/New_York', now: new Date('2026-11-24T03:00:00Z') };
    expect(parseField(debriefForm.fields.sessionDate, '2026-11-24', late)).toEqual({
      ok: false,
      error: 'Session date cannot be in the future.',
    });
    expect(parseField(debriefForm.fields.sessionDate, 'today', late)).toEqual({ ok: true, value: '2026-11-23' });
  });

  it('accepts options by number, value or label and de-duplicates multi-selects', () => {
    const topics = field.multiSelect({
      label: 'Topics',
      options: [
        { value: 'ideology', label: 'Ideology or faith' },
        { value: 'housing', label: 'Housing' },
      ],
    });
    expect(parseField(topics, 'housing, 1, Housing', ctx)).toEqual({ ok: true, value: ['housing', 'ideology'] });
    expect(parseField(topics, ['ideology'], ctx)).toEqual({ ok: true, value: ['ideology'] });
  });

  it('limits text length, lines and control characters', () => {
    const short = field.shortText({ label: 'Summary', maxLength: 10 });
    expect(parseField(short, 'x'.repeat(11), ctx)).toEqual({
      ok: false,
      error: 'Summary can be at most 10 characters (this has 11).',
    });
    expect(parseField(short, 'a\nb', ctx)).toEqual({ ok: false, error: 'Summary should be a single line.' });
    expect(parseField(short, 'a\u0007b', ctx).ok).toBe(false);
  });

  it('parses local date-times across the clock change', () => {
    const at = field.dateTime({ label: 'When' });
    expect(parseField(at, '2026-03-29 00:30', ctx)).toEqual({ ok: true, value: new Date('2026-03-29T00:30:00Z') });
    expect(parseField(at, '2026-03-29 02:30', ctx)).toEqual({ ok: true, value: new Date('2026-03-29T02:30:00+01:00') });
  });

  it('never throws on hostile input: a result for every field and every string', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(...Object.keys(debriefForm.fields), '__proto__', 'constructor'),
          fc.oneof(fc.string({ maxLength: 300 }), fc.array(fc.string(), { maxLength: 4 }), fc.constant(undefined)),
        ),
        (raw) => {
          const result = parseForm(debriefForm, raw, ctx);
          if (!result.ok) for (const message of Object.values(result.errors)) expect(message.length).toBeGreaterThan(5);
        },
      ),
      { numRuns: 200 },
    );
  });
});
