// npm run export -- programme|evaluation --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|json]
// [--reader coordinator|board|evaluator] [--key <64 hex>]: the same figures as the report page,
// or the evaluation export (evaluator's rules). Audited; the evaluation's pseudonym key is drawn
// for each export unless one is given, and printed on standard error, never in the file.
import { recordEvent } from '../../core/events.js';
import type { Deps } from '../../core/deps.js';
import { readSettings } from '../../core/settings.js';
import { programmeCsv, toCsv } from './csv.js';
import { EVALUATION_COLUMNS, evaluationRows, newExportKey } from './evaluation.js';
import { programmeFigures } from './figures.js';
import type { Reader } from './model.js';
import { parsePeriod } from './period.js';
import { presentReport } from './present.js';

export const REPORT_EXPORT_USAGE =
  'npm run export -- programme|evaluation --from 2026-01-01 --to 2026-12-31 [--format csv|json] [--reader coordinator|board|evaluator] [--key <64 hex digits>]';

export interface ReportExportRequest {
  kind: 'programme' | 'evaluation';
  from?: string;
  to?: string;
  format: 'csv' | 'json';
  reader: Reader;
  key?: Buffer;
}

/** The command line's words as a request, or what is wrong with them. */
export function parseReportExport(args: readonly string[]): ReportExportRequest | { problem: string } {
  const [kind, ...rest] = args;
  if (kind !== 'programme' && kind !== 'evaluation') return { problem: 'Say which export: programme or evaluation.' };
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const name = rest[i]!;
    const value = rest[i + 1];
    if (!['--from', '--to', '--format', '--reader', '--key'].includes(name) || value === undefined)
      return { problem: `Unexpected ${name}${value === undefined ? ' (it needs a value)' : ''}.` };
    flags[name.slice(2)] = value;
  }
  const format = flags.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') return { problem: '--format is csv or json.' };
  const reader = flags.reader ?? 'evaluator';
  if (reader !== 'coordinator' && reader !== 'board' && reader !== 'evaluator')
    return { problem: '--reader is coordinator, board or evaluator.' };
  if (kind === 'evaluation' && reader !== 'evaluator')
    return { problem: 'The evaluation export always follows the evaluator’s rules; leave out --reader.' };
  if (flags.key !== undefined && !/^[0-9a-f]{64}$/i.test(flags.key))
    return { problem: '--key is 64 hexadecimal digits (the key printed by an earlier export).' };
  if (kind === 'programme' && flags.key !== undefined) return { problem: '--key is for the evaluation export.' };
  return {
    kind,
    from: flags.from,
    to: flags.to,
    format,
    reader,
    key: flags.key ? Buffer.from(flags.key, 'hex') : undefined,
  };
}

/** The export's text for standard output, and a note for standard error; or what is wrong with the period. */
export async function runReportExport(
  deps: Deps,
  request: ReportExportRequest,
): Promise<{ output: string; note?: string } | { problem: string }> {
  const now = deps.clock.now();
  const { networkTimeZone } = await readSettings(deps.db, deps);
  const period = parsePeriod({ from: request.from, to: request.to }, now, networkTimeZone);
  if ('problem' in period) return period;
  const audit = () =>
    recordEvent(deps.db, {
      subjectKind: 'report',
      subjectId: 'export',
      kind: 'report.exported',
      at: now,
      data: { kind: request.kind, from: period.from, to: period.to, reader: request.reader, format: request.format },
    });
  if (request.kind === 'programme') {
    const report = presentReport(await programmeFigures(deps.db, period), request.reader);
    await audit();
    return {
      output: request.format === 'csv' ? programmeCsv(report) : `${JSON.stringify(report, null, 2)}\n`,
      note: report.empty ? 'Nothing was recorded in this period.' : undefined,
    };
  }
  const key = request.key ?? newExportKey();
  const rows = await evaluationRows(deps.db, period, key);
  await audit();
  const output =
    request.format === 'csv'
      ? toCsv(
          EVALUATION_COLUMNS,
          rows.map((r) => EVALUATION_COLUMNS.map((c) => r[c])),
        )
      : `${JSON.stringify({ from: period.from, to: period.to, rows }, null, 2)}\n`;
  const note = `${rows.length} cases. Pseudonym key for this export (keep it apart from the file; give it to the evaluator only if two exports must be joined): ${key.toString('hex')}`;
  return { output, note };
}
