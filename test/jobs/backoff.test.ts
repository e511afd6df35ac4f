import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay } from '../../src/jobs/backoff.js';

const policy = fc.record({
  baseMs: fc.integer({ min: 1, max: 60_000 }),
  maxMs: fc.integer({ min: 1, max: 3_600_000 }),
  factor: fc.constantFrom(1.5, 2, 3),
});

describe('backoff', () => {
  it('waits between half the ceiling and the ceiling, never above the maximum', () => {
    fc.assert(
      fc.property(
        policy,
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (p, attempt, r) => {
          const ceiling = backoffCeiling(attempt, p);
          const delay = backoffDelay(attempt, p, () => r);
          expect(ceiling).toBeLessThanOrEqual(Math.max(p.maxMs, 0));
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(Math.ceil(ceiling));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never waits less after a later failure (ceilings grow until the maximum)', () => {
    fc.assert(
      fc.property(policy, fc.integer({ min: 1, max: 100 }), (p, attempt) => {
        expect(backoffCeiling(attempt + 1, p)).toBeGreaterThanOrEqual(backoffCeiling(attempt, p));
      }),
      { numRuns: 300 },
    );
  });

  it('starts at the base and doubles by default', () => {
    const p = { baseMs: 1_000, maxMs: 60_000 };
    expect([1, 2, 3, 4, 7, 8].map((n) => backoffCeiling(n, p))).toEqual([1_000, 2_000, 4_000, 8_000, 60_000, 60_000]);
  });
});
