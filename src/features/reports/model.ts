// The programme report's figures as true values, before any reader's small-number rules.
// `null` is "not recorded": the thing is not recorded at all yet (no reviews, no timed sessions),
// which is never the same as zero.

export interface FigureTable {
  id: string;
  title: string;
  note?: string;
  rowHeader: string;
  columns: { key: string; label: string }[];
  rows: { key: string; label: string; cells: number[] }[];
  /** Row and column totals make sense (each thing counted once); factor tables count a case in several rows. */
  totals: boolean;
  /** Each cell is also shown as a share of its row's total. */
  rates?: boolean;
  notRecorded: boolean;
}

export type StatKind = 'median' | 'p90' | 'mean' | 'max' | 'sum' | 'count';

export interface FigureStat {
  id: string;
  label: string;
  kind: StatKind;
  unit: 'days' | 'minutes' | 'hours' | 'cases' | 'mentors' | 'sessions';
  /** null: not recorded. */
  value: number | null;
  /** How many records it is computed from (people, cases or sessions): small ones are hidden from some readers. */
  basedOn: number;
}

export interface Section {
  id: string;
  title: string;
  tables: FigureTable[];
  stats: FigureStat[];
}

export interface ProgrammeFigures {
  from: string;
  to: string;
  sections: Section[];
  /** Nothing at all was recorded in the period. */
  empty: boolean;
}

export type Reader = 'coordinator' | 'board' | 'evaluator';
