// Small-number suppression for the digest's figures. Pure: the digest's builder passes true counts
// and gets back what may be shown.
//
// Primary rule (the network's settings, cautious by default, never below the floors in
// core/settings.ts): a count below 10 shows as "fewer than 10"; any other count is rounded to the
// nearest 5; a median over fewer than 10 cases is not shown; a theme needs 5 distinct contributors.
//
// Secondary rule, for a table of counts with row, column and grand totals, whose earlier rows (earlier
// weeks) may already have been published: choose extra positions to hide, labelled "not shown", so
// that from everything shown, this table and the earlier publications together, nobody can narrow
// - a "fewer than 10" position to less than all of 0-9, nor
// - a "not shown" position to fewer than 10 possible values.
// What a reader is taken to know, by the rules each label was published under (10 and 5 here): a
// shown n means n-2..n+2 and at least 10 (rounding); "fewer than 10"
// means 0-9; a hidden cell means at least 10 (it would say "fewer than 10" otherwise); a hidden total
// means nothing, so hidden totals always say "not shown", small or not (a total labelled "fewer than
// 10" beside hidden ones would give away which are small). Plus every row, column and grand total
// relation. The check is exact: the table is a flow network (rows to columns), so the values a hidden
// position can take form a range, whose ends are found by asking whether a circulation exists with
// the position pinned. Extra positions are hidden greedily until none fails: for a failing position,
// the smallest count whose hiding alone repairs it, else the smallest sharing a sum with it.
// Not modelled: a reader who re-runs this algorithm to guess which positions it picked, and earlier
// totals over other sets of rows (a previous digest's four-week total); pass earlier weeks as rows.
import { feasibleCirculation, unbounded } from './circulation.js';

/** Counts under `countUnder` are not shown; the rest are rounded to the nearest `rounding`. */
export type CountRules = {
  countUnder: number;
  rounding: number;
};

/** The cautious defaults: under 10 not shown, rounded to the nearest 5. */
export const cautious: CountRules = { countUnder: 10, rounding: 5 };
/** The cautious count threshold, for figures that are not the digest's (reports). */
export const threshold = cautious.countUnder;
export const minThemeContributors = 5;

export type Shown = { kind: 'count'; value: number } | { kind: 'fewer-than'; under: number } | { kind: 'not-shown' };

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('A count must be a whole number, 0 or more.');
}

/** By default: 7 -> fewer than 10; 12 -> 10; 13 -> 15. */
export function shownCount(n: number, rules: CountRules = cautious): Shown {
  checkCount(n);
  return n < rules.countUnder
    ? { kind: 'fewer-than', under: rules.countUnder }
    : { kind: 'count', value: rules.rounding * Math.round(n / rules.rounding) };
}

export function describe(shown: Shown): string {
  return shown.kind === 'count'
    ? String(shown.value)
    : shown.kind === 'fewer-than'
      ? `fewer than ${shown.under}`
      : 'not shown';
}

/** What the digest prints for a count: "fewer than 10", or the count rounded to the nearest 5. */
export const publishCount = (n: number, rules: CountRules = cautious): string => describe(shownCount(n, rules));

/** The rounded count, or null when it must not be shown (for charts). */
export function roundedCount(n: number, rules: CountRules = cautious): number | null {
  const shown = shownCount(n, rules);
  return shown.kind === 'count' ? shown.value : null;
}

/** The median, or null over fewer values than the count threshold. */
export function publishMedian(values: readonly number[], rules: CountRules = cautious): number | null {
  if (values.length < rules.countUnder) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** How many distinct contributors each theme has among `items`. */
export function themeContributors(
  items: readonly { contributorId: string; themes: readonly string[] }[],
): Map<string, number> {
  const contributors = new Map<string, Set<string>>();
  for (const item of items)
    for (const theme of item.themes)
      (contributors.get(theme) ?? contributors.set(theme, new Set()).get(theme)!).add(item.contributorId);
  return new Map([...contributors].map(([theme, who]) => [theme, who.size]));
}

/** Each contribution keeps only the themes that at least `minimum` distinct contributors share. */
export function withPublishableThemes<T extends { contributorId: string; themes: readonly string[] }>(
  items: readonly T[],
  minimum = minThemeContributors,
): T[] {
  const counts = themeContributors(items);
  return items.map((item) => ({ ...item, themes: item.themes.filter((t) => counts.get(t)! >= minimum) }));
}

export interface CountTable {
  /** True counts, rows by columns (for example weeks by escalation tier), earlier rows included. */
  cells: number[][];
  /** The rules new labels are given by (cautious unless said). */
  rules?: CountRules;
  /** Which totals the digest shows; all three unless said otherwise. */
  totals?: { rows?: boolean; columns?: boolean; grand?: boolean };
  /** What an earlier digest already showed for a position (earlier weeks): kept, and defended. */
  published?: {
    cells?: (Shown | undefined)[][];
    rowTotals?: (Shown | undefined)[];
    columnTotals?: (Shown | undefined)[];
    grandTotal?: Shown;
    /** The rules each earlier row was published under, when not this table's. */
    rowRules?: (CountRules | undefined)[];
  };
}

export interface SuppressedTable {
  cells: Shown[][];
  rowTotals?: Shown[];
  columnTotals?: Shown[];
  grandTotal?: Shown;
}

type Position =
  | { kind: 'cell'; row: number; column: number }
  | { kind: 'row'; row: number }
  | { kind: 'column'; column: number }
  | { kind: 'grand' };

interface Slot {
  position: Position;
  /** The relations (sums) the position takes part in. */
  relations: string[];
  value: number;
  shown: Shown;
  /** The rules its label was (or is to be) given by: what a reader reads it with. */
  rules: CountRules;
  /** Shown in an earlier digest, so its label cannot change. */
  fixed: boolean;
  /** A total the digest does not show at all tells a reader nothing. */
  displayed: boolean;
  from: number;
  to: number;
}

/** What a reader knows about a position from its label. */
function knowledge(slot: Slot): [number, number] {
  const { shown, rules } = slot;
  if (!slot.displayed) return [0, unbounded];
  // A value rounds to n from n - rounding/2 (included) up to n + rounding/2 (excluded).
  if (shown.kind === 'count')
    return [
      Math.max(rules.countUnder, Math.ceil(shown.value - rules.rounding / 2)),
      Math.ceil(shown.value + rules.rounding / 2) - 1,
    ];
  if (shown.kind === 'fewer-than') return [0, shown.under - 1];
  return slot.position.kind === 'cell' ? [rules.countUnder, unbounded] : [0, unbounded];
}

function slotsOf(input: CountTable): Slot[] {
  const { cells } = input;
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  if (cells.some((r) => r.length !== columns)) throw new RangeError('Every row needs the same number of columns.');
  cells.flat().forEach(checkCount);
  const totals = { rows: true, columns: true, grand: true, ...input.totals };
  const earlier = input.published ?? {};
  const rules = input.rules ?? cautious;
  const rulesOf = (position: Position) =>
    (position.kind === 'cell' || position.kind === 'row' ? earlier.rowRules?.[position.row] : undefined) ?? rules;
  // The flow network: a source feeds each row with its total, each row feeds each column with a
  // cell, each column feeds the sink with its total, and the grand total closes the loop.
  const source = 0;
  const sink = rows + columns + 1;
  const rowNode = (r: number) => 1 + r;
  const columnNode = (c: number) => 1 + rows + c;
  const slots: Slot[] = [];
  const add = (
    position: Position,
    relations: string[],
    value: number,
    displayed: boolean,
    shownBefore: Shown | undefined,
    from: number,
    to: number,
  ) => {
    const hiddenTotal = position.kind !== 'cell' && value < rules.countUnder;
    const shown = shownBefore ?? (hiddenTotal ? { kind: 'not-shown' as const } : shownCount(value, rules));
    slots.push({
      position,
      relations,
      value,
      shown,
      rules: rulesOf(position),
      fixed: shownBefore !== undefined,
      displayed,
      from,
      to,
    });
  };
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++)
      add(
        { kind: 'cell', row: r, column: c },
        [`row ${r}`, `column ${c}`],
        cells[r]![c]!,
        true,
        earlier.cells?.[r]?.[c],
        rowNode(r),
        columnNode(c),
      );
    add(
      { kind: 'row', row: r },
      [`row ${r}`, 'rows'],
      sum(cells[r]!),
      totals.rows,
      earlier.rowTotals?.[r],
      source,
      rowNode(r),
    );
  }
  for (let c = 0; c < columns; c++)
    add(
      { kind: 'column', column: c },
      [`column ${c}`, 'columns'],
      sum(cells.map((row) => row[c]!)),
      totals.columns,
      earlier.columnTotals?.[c],
      columnNode(c),
      sink,
    );
  add({ kind: 'grand' }, ['rows', 'columns'], sum(cells.flat()), totals.grand, earlier.grandTotal, sink, source);
  return slots;
}

/** A circulation consistent with every label, with one position pinned to a value if asked. */
function consistent(slots: Slot[], pinned?: { slot: Slot; value: number }): number[] | undefined {
  const edges = slots.map((slot) => {
    const [lo, hi] = slot === pinned?.slot ? [pinned.value, pinned.value] : knowledge(slot);
    return { from: slot.from, to: slot.to, lo, hi };
  });
  const nodes = Math.max(...slots.map((s) => Math.max(s.from, s.to))) + 1;
  return feasibleCirculation(nodes, edges);
}

/** Whether a hidden position keeps the spread its label promises, given everything shown. */
function keepsItsSpread(slots: Slot[], slot: Slot): boolean {
  const possible = (value: number) => consistent(slots, { slot, value }) !== undefined;
  if (slot.shown.kind === 'fewer-than') return possible(0) && possible(slot.shown.under - 1);
  const anchor = consistent(slots)?.[slots.indexOf(slot)];
  if (anchor === undefined) return false;
  // The possible values form a range (a flow polytope is integral), so find its lower end and
  // ask whether as many values as the threshold fit from there.
  let [lo, hi] = [knowledge(slot)[0], anchor];
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (possible(mid)) hi = mid;
    else lo = mid + 1;
  }
  return possible(lo + slot.rules.countUnder - 1);
}

/** Labels for every position of the table: primary suppression, then secondary (see the top). */
export function secondarySuppression(table: CountTable): SuppressedTable {
  const slots = slotsOf(table);
  for (;;) {
    const failing = slots.find((s) => s.displayed && s.shown.kind !== 'count' && !keepsItsSpread(slots, s));
    if (!failing) break;
    const candidates = slots
      .filter((s) => s.displayed && !s.fixed && s.shown.kind === 'count')
      .sort((a, b) => a.value - b.value);
    if (candidates.length === 0)
      throw new Error('Counts already published narrow a hidden count; nothing more can be hidden to prevent it.');
    const hide = (slot: Slot) => {
      slot.shown = { kind: 'not-shown' };
    };
    // The smallest count whose hiding alone repairs the failing position, else the smallest that
    // shares a sum with it (the next round repairs the rest).
    const repairs = candidates.find((c) => {
      const before = c.shown;
      hide(c);
      const ok = keepsItsSpread(slots, failing);
      c.shown = before;
      return ok;
    });
    hide(repairs ?? candidates.find((c) => c.relations.some((r) => failing.relations.includes(r))) ?? candidates[0]!);
  }
  const at = (p: (pos: Position) => boolean) => slots.filter((s) => p(s.position) && s.displayed).map((s) => s.shown);
  const rows = table.cells.length;
  const totals = { rows: true, columns: true, grand: true, ...table.totals };
  return {
    cells: Array.from({ length: rows }, (_, r) => at((p) => p.kind === 'cell' && p.row === r)),
    ...(totals.rows && { rowTotals: at((p) => p.kind === 'row') }),
    ...(totals.columns && { columnTotals: at((p) => p.kind === 'column') }),
    ...(totals.grand && { grandTotal: at((p) => p.kind === 'grand')[0] }),
  };
}
