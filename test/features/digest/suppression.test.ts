import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describe as describeShown,
  publishCount,
  publishMedian,
  roundedCount,
  secondarySuppression,
  withPublishableThemes,
  type CountTable,
  type Shown,
  type SuppressedTable,
} from '../../../src/features/digest/suppression.js';

describe('publishing a count', () => {
  it('shows a week with 7 sessions as "fewer than 10", and rounds the rest to the nearest 5', () => {
    expect(publishCount(7)).toBe('fewer than 10');
    expect([0, 9, 10, 12, 13, 17, 18, 102].map((n) => publishCount(n))).toEqual([
      'fewer than 10',
      'fewer than 10',
      '10',
      '10',
      '15',
      '15',
      '20',
      '100',
    ]);
    expect(roundedCount(7)).toBeNull();
    expect(roundedCount(23)).toBe(25);
  });

  it('never publishes a count below 10 as a number, and others within 2 of the truth', () => {
    fc.assert(
      fc.property(fc.nat(10_000), (n) => {
        const shown = publishCount(n);
        if (n < 10) expect(shown).toBe('fewer than 10');
        else {
          expect(Number(shown) % 5).toBe(0);
          expect(Math.abs(Number(shown) - n)).toBeLessThanOrEqual(2);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('refuses what is not a count', () => {
    expect(() => publishCount(-1)).toThrow(RangeError);
    expect(() => publishCount(2.5)).toThrow(RangeError);
  });
});

describe('medians and themes', () => {
  it('shows a median only over 10 values or more', () => {
    expect(publishMedian([1, 2, 3, 4, 5, 6, 7, 8, 9])).toBeNull();
    expect(publishMedian([10, 1, 2, 3, 4, 5, 6, 7, 8, 9])).toBe(5.5);
    expect(publishMedian([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100])).toBe(6);
  });

  it('drops a theme with fewer than 5 distinct contributors behind it', () => {
    const items = [
      ...['a', 'b', 'c', 'd', 'e'].map((id) => ({ contributorId: id, themes: ['best working practices'] })),
      ...['a', 'a', 'b', 'c', 'd', 'd'].map((id) => ({
        contributorId: id,
        themes: ['barriers to success', 'housing'],
      })),
    ];
    const kept = withPublishableThemes(items);
    expect(new Set(kept.flatMap((i) => i.themes))).toEqual(new Set(['best working practices']));
    expect(kept).toHaveLength(items.length);
  });
});

const labels = (t: SuppressedTable) => ({
  cells: t.cells.map((r) => r.map(describeShown)),
  rowTotals: t.rowTotals?.map(describeShown),
  columnTotals: t.columnTotals?.map(describeShown),
  grandTotal: t.grandTotal && describeShown(t.grandTotal),
});

describe('secondary suppression', () => {
  it('hides a second count when a row total would give a small one away', () => {
    // 3 + 20 = 23, shown as 25 (23-27); with 20 shown (18-22) the 3 would be 1-9, so 20 goes.
    expect(labels(secondarySuppression({ cells: [[3, 20]], totals: { columns: false, grand: false } }))).toEqual({
      cells: [['fewer than 10', 'not shown']],
      rowTotals: ['25'],
    });
  });

  it('never labels a hidden total "fewer than 10", so a small total gives nothing away', () => {
    expect(labels(secondarySuppression({ cells: [[5, 7]], totals: { columns: false, grand: false } }))).toEqual({
      cells: [['fewer than 10', 'fewer than 10']],
      rowTotals: ['not shown'],
    });
  });

  it("defends an earlier week's published figures against this week's totals", () => {
    const earlier = secondarySuppression({ cells: [[12, 30, 22]], totals: { columns: false, grand: false } });
    const table = secondarySuppression({
      cells: [
        [12, 30, 22],
        [4, 31, 18],
      ],
      published: { cells: [earlier.cells[0]!], rowTotals: earlier.rowTotals },
    });
    expect(table.cells[0]).toEqual(earlier.cells[0]);
    expect(table.rowTotals![0]).toEqual(earlier.rowTotals![0]);
    expectNothingNarrowed(
      {
        cells: [
          [12, 30, 22],
          [4, 31, 18],
        ],
      },
      table,
    );
  });

  it('shows everything when nothing is small', () => {
    const table = secondarySuppression({
      cells: [
        [20, 30],
        [40, 55],
      ],
    });
    expect(labels(table)).toEqual({
      cells: [
        ['20', '30'],
        ['40', '55'],
      ],
      rowTotals: ['50', '95'],
      columnTotals: ['60', '85'],
      grandTotal: '145',
    });
  });

  const count = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 10, max: 25 }));
  const shape = fc.constantFrom([1, 3], [2, 2], [2, 3], [3, 2]);
  const totals = fc.record({ rows: fc.boolean(), columns: fc.boolean(), grand: fc.boolean() });
  const table = shape.chain(([rows, columns]) =>
    fc.tuple(
      fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
      totals,
    ),
  );

  it('leaves no hidden count narrower than 0-9 (or 10 values) on random small tables, checked by brute force', () => {
    fc.assert(
      fc.property(table, ([cells, shownTotals]) => {
        const input = { cells, totals: shownTotals };
        const result = secondarySuppression(input);
        expect(
          result.cells
            .flat()
            .filter((s) => s.kind === 'count')
            .every((s) => s.kind === 'count' && s.value >= 10),
        ).toBe(true);
        const shown = result.cells.flat();
        for (const [i, n] of cells.flat().entries()) {
          if (n < 10) expect(shown[i]).toEqual({ kind: 'fewer-than', under: 10 });
        }
        expectNothingNarrowed(input, result);
      }),
      { numRuns: 60 },
    );
  });

  it('does the same across weeks: last week as published, this week with totals over both', () => {
    const week = (columns: number) => fc.array(count, { minLength: columns, maxLength: columns });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((columns) => fc.tuple(week(columns), week(columns))),
        ([lastWeek, thisWeek]) => {
          const earlier = secondarySuppression({ cells: [lastWeek], totals: { columns: false, grand: false } });
          const input: CountTable = {
            cells: [lastWeek, thisWeek],
            published: { cells: [earlier.cells[0]!], rowTotals: earlier.rowTotals },
          };
          const result = secondarySuppression(input);
          expect(result.cells[0]).toEqual(earlier.cells[0]);
          expectNothingNarrowed(input, result);
        },
      ),
      { numRuns: 60 },
    );
  });
});

// The brute-force reader: searches every table consistent with the labels and the totals (a
// depth-first search over the cells, cutting a branch only when a row, column or grand total can no
// longer be met) for one where a hidden position has a given value. A shown n means n-2..n+2 and at
// least 10; "fewer than 10" means 0-9; a hidden cell at least 10 (searched up to 40); a hidden total
// anything.
const ceiling = 40;

function range(shown: Shown | undefined, isCell: boolean): [number, number] {
  if (!shown) return [0, Infinity];
  if (shown.kind === 'count') return [Math.max(10, shown.value - 2), shown.value + 2];
  if (shown.kind === 'fewer-than') return [0, 9];
  return isCell ? [10, ceiling] : [0, Infinity];
}

interface Sum {
  key: string;
  cells: number[];
  range: [number, number];
}

function existsTable(cellRanges: [number, number][], sums: Sum[]): boolean {
  const values = new Array<number>(cellRanges.length).fill(0);
  const fits = (upTo: number) =>
    sums.every(({ cells, range: [lo, hi] }) => {
      let min = 0;
      let max = 0;
      for (const c of cells) {
        min += c < upTo ? values[c]! : cellRanges[c]![0];
        max += c < upTo ? values[c]! : cellRanges[c]![1];
      }
      return max >= lo && min <= hi;
    });
  const visit = (i: number): boolean => {
    if (!fits(i)) return false;
    if (i === cellRanges.length) return true;
    const [lo, hi] = cellRanges[i]!;
    for (let v = lo; v <= hi; v++) {
      values[i] = v;
      if (visit(i + 1)) return true;
    }
    return false;
  };
  return visit(0);
}

function expectNothingNarrowed(input: CountTable, shown: SuppressedTable): void {
  const rows = input.cells.length;
  const columns = input.cells[0]!.length;
  const index = (r: number, c: number) => r * columns + c;
  const cellRanges = shown.cells.flat().map((s) => range(s, true));
  const sums: Sum[] = [
    ...Array.from({ length: rows }, (_, r) => ({
      key: `row ${r}`,
      cells: Array.from({ length: columns }, (_, c) => index(r, c)),
      range: range(shown.rowTotals?.[r], false),
    })),
    ...Array.from({ length: columns }, (_, c) => ({
      key: `column ${c}`,
      cells: Array.from({ length: rows }, (_, r) => index(r, c)),
      range: range(shown.columnTotals?.[c], false),
    })),
    { key: 'grand', cells: cellRanges.map((_, k) => k), range: range(shown.grandTotal, false) },
  ];
  // Could this position have been `value`, given everything shown?
  const possible = (key: string, value: number) =>
    existsTable(
      cellRanges.map((r, k) => (key === `cell ${k}` ? [value, value] : r)),
      sums.map((s) => (s.key === key ? { ...s, range: [value, value] } : s)),
    );
  expect(existsTable(cellRanges, sums), 'the true table fits its labels').toBe(true);
  const hidden: [string, Shown][] = [
    ...shown.cells.flat().map((s, k) => [`cell ${k}`, s] as [string, Shown]),
    ...(shown.rowTotals ?? []).map((s, r) => [`row ${r}`, s] as [string, Shown]),
    ...(shown.columnTotals ?? []).map((s, c) => [`column ${c}`, s] as [string, Shown]),
    ...(shown.grandTotal ? [['grand', shown.grandTotal] as [string, Shown]] : []),
  ].filter(([, s]) => s.kind !== 'count');
  for (const [key, s] of hidden) {
    if (s.kind === 'fewer-than') {
      for (let v = 0; v <= 9; v++) expect(possible(key, v), `${key} could be ${v}`).toBe(true);
    } else {
      let found = 0;
      for (let v = key.startsWith('cell') ? 10 : 0; v <= ceiling * rows * columns && found < 10; v++)
        if (possible(key, v)) found += 1;
      expect(found, `values ${key} could have`).toBe(10);
    }
  }
}
