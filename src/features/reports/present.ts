// What each reader may see of the figures. Coordinators: exact. The board: 1 and 2 as "fewer than
// 3". Evaluators: the digest's rules (src/features/digest/suppression.ts, its cautious defaults):
// under 10 "fewer than 10", the rest rounded to 5, secondary suppression across each table's totals, medians over 10 or more.
// "not recorded" is never a number.
import { cautious, describe as describeShown, secondarySuppression, shownCount, type Shown } from '../digest/api.js';
import type { FigureStat, FigureTable, ProgrammeFigures, Reader } from './model.js';

export const NOT_RECORDED = 'not recorded';
export const BOARD_THRESHOLD = 3;

export interface ShownTable {
  id: string;
  title: string;
  note?: string;
  rowHeader: string;
  columns: string[];
  rows: { key: string; label: string; cells: string[] }[];
  /** Column totals (and the grand total last), when the table has totals. */
  totals?: string[];
  rowTotals?: string[];
  notRecorded: boolean;
  /** The numbers a chart may draw: null where a value is not shown. */
  chartable: { row: string; column: string; value: number | null }[];
}

export interface ShownStat {
  id: string;
  label: string;
  value: string;
}

export interface ShownReport {
  from: string;
  to: string;
  reader: Reader;
  empty: boolean;
  sections: { id: string; title: string; tables: ShownTable[]; stats: ShownStat[] }[];
}

const threshold = cautious.countUnder;
const boardCount = (n: number): Shown =>
  n > 0 && n < BOARD_THRESHOLD ? { kind: 'fewer-than', under: BOARD_THRESHOLD } : { kind: 'count', value: n };
const evaluatorCount = (n: number): Shown => shownCount(n, cautious);

const percent = (n: number, of: number) => `${Math.round((100 * n) / of)}%`;

function shownValue(s: Shown): number | null {
  return s.kind === 'count' ? s.value : null;
}

/** Labels for every cell and total of one table, for one reader. */
function presentTable(t: FigureTable, reader: Reader): ShownTable {
  const base = {
    id: t.id,
    title: t.title,
    note: t.note,
    rowHeader: t.rowHeader,
    columns: t.columns.map((c) => c.label),
    notRecorded: t.notRecorded,
  };
  if (t.notRecorded)
    return {
      ...base,
      rows: t.rows.map((r) => ({ key: r.key, label: r.label, cells: r.cells.map(() => NOT_RECORDED) })),
      chartable: [],
    };
  const cells = t.rows.map((r) => r.cells);
  let labels: Shown[][];
  let rowTotals: Shown[] | undefined;
  let columnTotals: Shown[] | undefined;
  let grand: Shown | undefined;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (reader === 'evaluator' && t.totals && cells.length) {
    const multi = t.columns.length > 1;
    const suppressed = secondarySuppression({
      cells,
      rules: cautious,
      totals: { rows: multi, columns: true, grand: multi },
    });
    labels = suppressed.cells;
    rowTotals = suppressed.rowTotals;
    columnTotals = suppressed.columnTotals;
    grand = suppressed.grandTotal;
  } else {
    const one =
      reader === 'evaluator'
        ? evaluatorCount
        : reader === 'board'
          ? boardCount
          : (n: number): Shown => ({ kind: 'count', value: n });
    labels = cells.map((r) => r.map(one));
    if (t.totals) {
      if (t.columns.length > 1) rowTotals = cells.map((r) => one(sum(r)));
      columnTotals = t.columns.map((_, c) => one(sum(cells.map((r) => r[c]!))));
      if (t.columns.length > 1) grand = one(sum(cells.flat()));
    }
  }
  const rows = t.rows.map((r, i) => {
    const row = labels[i]!;
    const total = t.columns.length > 1 ? rowTotals?.[i] : columnTotals?.[0];
    return {
      key: r.key,
      label: r.label,
      cells: row.map((s) => {
        const rate =
          t.rates && total && s.kind === 'count' && total.kind === 'count' && total.value > 0
            ? ` (${percent(s.value, total.value)})`
            : '';
        return `${describeShown(s)}${rate}`;
      }),
    };
  });
  const shown: ShownTable = {
    ...base,
    rows,
    chartable: t.rows.flatMap((r, i) =>
      t.columns.map((c, j) => ({ row: r.label, column: c.label, value: shownValue(labels[i]![j]!) })),
    ),
  };
  if (columnTotals) shown.totals = [...columnTotals.map(describeShown), ...(grand ? [describeShown(grand)] : [])];
  if (rowTotals) shown.rowTotals = rowTotals.map(describeShown);
  return shown;
}

const units: Record<FigureStat['unit'], string> = {
  days: 'days',
  minutes: 'minutes',
  hours: 'hours',
  cases: 'cases',
  mentors: 'mentors',
  sessions: 'sessions',
};

function presentStat(s: FigureStat, reader: Reader): ShownStat {
  const out = (value: string) => ({ id: s.id, label: s.label, value });
  if (s.value === null) return out(NOT_RECORDED);
  if (s.kind === 'count') {
    if (reader === 'evaluator') return out(describeShown(evaluatorCount(s.value)));
    if (reader === 'board') return out(describeShown(boardCount(s.value)));
    return out(String(s.value));
  }
  // A median, percentile, mean, largest or sum over a few records can point at one person.
  const least = reader === 'evaluator' ? threshold : reader === 'board' ? BOARD_THRESHOLD : 1;
  if (s.basedOn < least) return out(`not shown (fewer than ${least} ${s.unit === 'hours' ? 'sessions' : 'records'})`);
  if (reader === 'evaluator' && s.kind === 'max') return out('not shown');
  const value = reader === 'evaluator' && s.kind === 'sum' ? 5 * Math.round(s.value / 5) : s.value;
  return out(`${value} ${units[s.unit]}`);
}

export function presentReport(figures: ProgrammeFigures, reader: Reader): ShownReport {
  return {
    from: figures.from,
    to: figures.to,
    reader,
    empty: figures.empty,
    sections: figures.sections.map((s) => ({
      id: s.id,
      title: s.title,
      tables: s.tables.map((t) => presentTable(t, reader)),
      stats: s.stats.map((x) => presentStat(x, reader)),
    })),
  };
}

/** Which view a member gets: coordinators exact, then board, then evaluator. */
export function readerOf(roles: readonly string[]): Reader | undefined {
  if (roles.includes('coordinator')) return 'coordinator';
  if (roles.includes('board')) return 'board';
  if (roles.includes('evaluator')) return 'evaluator';
  return undefined;
}
