// npm run export -- member <id>: a subject access export of everything held about a member (JSON).
// npm run export -- case <code> [--with-notes]: a case's chronology (JSON); notes of flagged debriefs only on request.
import { caseCodeRegex, normaliseCaseCode } from '../features/cases/policy.js';
import { exportCase } from '../features/governance/case-export.js';
import { exportMember } from '../features/governance/export.js';
import { exportHours } from '../features/mentors/hours.js';
import { monthPattern } from '../features/mentors/policy.js';
import { parseReportExport, REPORT_EXPORT_USAGE, runReportExport } from '../features/reports/exports.js';
import { openCli, runCli, UsageError } from './context.js';

const USAGE = 'npm run export -- member <member-id>  |  npm run export -- case <case-code> [--with-notes]';

await runCli(`${USAGE}  |  ${REPORT_EXPORT_USAGE}`, async (args) => {
  if (args[0] === 'programme' || args[0] === 'evaluation') return exportReport(args);
  if (args[0] === 'hours') return exportMonthHours(args);
  const withNotes = args.includes('--with-notes');
  const [kind, id, ...rest] = args.filter((a) => a !== '--with-notes');
  if (rest.length) throw new UsageError(`Unexpected ${rest.join(' ')}.`);
  if (kind === 'member') {
    if (withNotes)
      throw new UsageError('--with-notes is for case exports; a member export already holds their own notes.');
    if (!/^[0-9a-f-]{36}$/.test(id ?? ''))
      throw new UsageError('Give "member" and the member id (a UUID, shown by the audit log or /network list).');
  } else if (kind === 'case') {
    if (!caseCodeRegex.test(normaliseCaseCode(id ?? '')))
      throw new UsageError('Give "case" and the case code, like MS-0042 (never a name).');
  } else {
    throw new UsageError('Say what to export: "member <id>" or "case <code>".');
  }
  const cli = await openCli();
  try {
    const document =
      kind === 'member' ? await exportMember(cli.deps, id!) : await exportCase(cli.deps, id!, { withNotes });
    if (!document) throw new UsageError(`There is no case ${normaliseCaseCode(id!)}; please check the code.`);
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } finally {
    await cli.close();
  }
});

/** The programme figures or the evaluation export (src/features/reports/exports.ts). */
async function exportReport(args: string[]): Promise<void> {
  const request = parseReportExport(args);
  if ('problem' in request) throw new UsageError(request.problem);
  const cli = await openCli();
  try {
    const result = await runReportExport(cli.deps, request);
    if ('problem' in result) throw new UsageError(result.problem);
    process.stdout.write(result.output);
    if (result.note) process.stderr.write(`${result.note}\n`);
  } finally {
    await cli.close();
  }
}

/** npm run export -- hours --month 2026-11: every mentor's hours, travel and pay for the month (JSON). */
async function exportMonthHours(args: string[]): Promise<void> {
  const month = args[1] === '--month' ? (args[2] ?? '') : '';
  if (args.length !== 3 || !monthPattern.test(month)) throw new UsageError('Give the month as: hours --month 2026-11.');
  const cli = await openCli();
  try {
    process.stdout.write(`${JSON.stringify(await exportHours(cli.deps, month), null, 2)}\n`);
  } finally {
    await cli.close();
  }
}
