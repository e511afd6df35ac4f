// The programme report as CSV (one line per figure) and any rows as CSV. Cells are quoted when
// needed, and a cell starting with = + - @ is prefixed so a spreadsheet never runs it.
import type { ShownReport } from './present.js';

export const PROGRAMME_COLUMNS = ['section', 'figure', 'row', 'column', 'value'] as const;

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const toCsv = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;

/** Every table cell, total and statistic the reader may see, labelled. */
export function programmeRows(report: ShownReport): string[][] {
  const rows: string[][] = [];
  for (const s of report.sections) {
    for (const t of s.tables) {
      for (const r of t.rows) {
        for (const [i, value] of r.cells.entries()) rows.push([s.title, t.title, r.label, t.columns[i]!, value]);
        if (t.rowTotals) rows.push([s.title, t.title, r.label, 'Total', t.rowTotals[t.rows.indexOf(r)]!]);
      }
      for (const [i, value] of (t.totals ?? []).entries())
        rows.push([s.title, t.title, 'Total', t.columns[i] ?? 'Total', value]);
    }
    for (const x of s.stats) rows.push([s.title, x.label, '', '', x.value]);
  }
  return rows;
}

export const programmeCsv = (report: ShownReport) => toCsv(PROGRAMME_COLUMNS, programmeRows(report));
