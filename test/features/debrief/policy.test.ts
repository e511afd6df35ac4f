// Pure debrief messages: whatever was answered, the confirmation and the paired comparison carry
// structured answers only, never the free text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseForm } from '../../../src/core/form.js';
import { debriefForm } from '../../../src/features/debrief/forms.js';
import { debriefSaved, pairedDifferences } from '../../../src/features/debrief/messages.js';
import {
  clientStateChoices,
  engagementChoices,
  isFlagged,
  practicalSupportChoices,
  riskChangeChoices,
  sessionWentChoices,
  topicChoices,
} from '../../../src/features/debrief/policy.js';
import { concernCategories } from '../../../src/features/concerns/policy.js';
import { caseCloseForm, caseOpenForm } from '../../../src/features/cases/forms.js';
import { sessionPlanForm } from '../../../src/features/sessions/forms.js';

const ctx = { timeZone: 'Europe/London', now: new Date('2026-11-23T09:00:00Z') };
const values = (list: readonly { value: string }[]) => list.map((c) => c.value);
const freeText = fc
  .string({ minLength: 12, maxLength: 200 })
  // biome-ignore lint/suspicious/noControlCharactersInRegex: free text without control characters is what a form accepts
  .filter((s) => s.trim().length >= 12 && !/[\u0000-\u001F\u007F]/.test(s));

const answers = fc.record({
  caseCode: fc.constantFrom('MS-0042', 'ms-7', 'MWM-123456'),
  sessionDate: fc.constantFrom('today', 'yesterday', '2026-11-20'),
  sessionWent: fc.constantFrom(...values(sessionWentChoices)),
  lengthMinutes: fc.option(fc.integer({ min: 1, max: 600 }).map(String), { nil: '' }),
  paired: fc.constantFrom('yes', 'no', ''),
  engagement: fc.constantFrom(...values(engagementChoices), ''),
  clientState: fc.subarray(values(clientStateChoices)),
  topics: fc.subarray(values(topicChoices)),
  practicalSupport: fc.subarray(values(practicalSupportChoices)),
  riskChange: fc.constantFrom(...values(riskChangeChoices), ''),
  feeling: fc.integer({ min: 1, max: 5 }).map(String),
  flagConcern: fc.constantFrom('yes', 'no'),
  concernCategory: fc.constantFrom(...values(concernCategories), ''),
  wantsSupervision: fc.constantFrom('yes', 'no', ''),
  wantsWelfare: fc.constantFrom('yes', 'no', ''),
  nextSteps: freeText,
  notes: freeText,
});

describe('debrief form and messages', () => {
  it('parses every combination of valid answers and confirms without quoting free text (property)', () => {
    fc.assert(
      fc.property(answers, (raw) => {
        const parsed = parseForm(debriefForm, raw, ctx);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        expect(parsed.values.feeling).toBe(Number(raw.feeling));
        expect(parsed.values.clientState).toEqual(raw.clientState);
        const flagged = isFlagged(parsed.values);
        const shown = JSON.stringify(
          debriefSaved(parsed.values, {
            debriefId: 'd1',
            welfare: parsed.values.feeling <= 2,
            supervision: 3,
            concern: flagged ? 5 : undefined,
          }),
        );
        expect(shown).not.toContain(JSON.stringify(raw.notes.trim()).slice(1, -1));
        expect(shown).not.toContain(JSON.stringify(raw.nextSteps.trim()).slice(1, -1));
        if (flagged) expect(shown).toContain('999');
        // A flagged debrief tells the mentor the coordinators know: nothing is left for them to pass on.
        if (flagged) expect(shown).toContain('The coordinators have been told: this is concern #5');
        else expect(shown).toContain('private to you');
      }),
      { numRuns: 80 },
    );
  });

  it('points out only differing structured answers (property)', () => {
    const side = fc.record({
      engagement: fc.constantFrom(...values(engagementChoices), null),
      riskChange: fc.constantFrom(...values(riskChangeChoices), null),
    });
    fc.assert(
      fc.property(side, side, (mine, theirs) => {
        const message = pairedDifferences('MS-0042', '2026-11-20', 'Ben', mine, theirs);
        const differ =
          (mine.engagement && theirs.engagement && mine.engagement !== theirs.engagement) ||
          (mine.riskChange && theirs.riskChange && mine.riskChange !== theirs.riskChange);
        expect(Boolean(message)).toBe(Boolean(differ));
        for (const f of message?.fields ?? []) expect(f.value).toMatch(/^you: .+; Ben: .+$/);
      }),
      { numRuns: 80 },
    );
  });

  it('fits Discord: labels of at most 45 characters, options of at most 100, at most 25 per select', () => {
    for (const f of [debriefForm, caseOpenForm, caseCloseForm, sessionPlanForm].flatMap((form) =>
      Object.values(form.fields),
    )) {
      expect(f.label.length).toBeLessThanOrEqual(45);
      expect(f.options?.length ?? 0).toBeLessThanOrEqual(25);
      for (const o of f.options ?? []) expect(o.label.length).toBeLessThanOrEqual(100);
    }
  });
});
