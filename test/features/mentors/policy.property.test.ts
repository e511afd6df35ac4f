// The typed-in values mentor care parses (an amount of money, the training module list) and the
// expiry reminder days, checked over generated input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTrainingModules, trainingModulesText } from '../../../src/core/settings.js';
import { addDays, parseMoney, reminderDue } from '../../../src/features/mentors/policy.js';

describe('mentor care parsers', () => {
  it('reads back every amount in pence, and refuses anything that is not one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (p) => {
        expect(parseMoney(`${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`)).toBe(p);
        expect(parseMoney(`£${Math.floor(p / 100)}`)).toBe(Math.floor(p / 100) * 100);
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        expect(parseMoney(text) === undefined || /^£?\s*\d/.test(text.trim())).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('round-trips a module list, mandatory marks included, and never accepts a name that is not a module name', () => {
    const name = fc.stringMatching(/^[a-z0-9_]{2,40}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ name, mandatory: fc.boolean() }), { maxLength: 30, selector: (m) => m.name }),
        (modules) => {
          expect(parseTrainingModules(trainingModulesText(modules))).toEqual(modules);
        },
      ),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        for (const m of parseTrainingModules(text) ?? []) expect(m.name).toMatch(/^[a-z0-9_]{2,40}$/);
      }),
      { numRuns: 100 },
    );
  });

  it('reminds exactly 30 days before, 7 days before and on the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: -40, max: 40 }), (n) => {
        expect(reminderDue('2027-03-28', addDays('2027-03-28', -n))).toBe([30, 7, 0].includes(n) ? n : undefined);
      }),
      { numRuns: 100 },
    );
  });
});
