// npm run export -- member <id>: a subject access export of everything held about a member (JSON).
// npm run export -- case <code> [--with-notes]: a case's chronology (JSON); notes of flagged debriefs only on request.
import { caseCodeRegex, normaliseCaseCode } from '../features/cases/policy.js';
import { exportCase } from '../features/governance/case-export.js';
import { exportMember } from '../features/governance/export.js';
import { openCli, runCli, UsageError } from './context.js';

const USAGE = 'npm run export -- member <member-id>  |  npm run export -- case <case-code> [--with-notes]';

await runCli(USAGE, async (args) => {
  const withNotes = args.includes('--with-notes');
  const [kind, id, ...rest] = args.filter((a) => a !== '--with-notes');
  if (rest.length) throw new UsageError(`Unexpected ${rest.join(' ')}.`);
  if (kind === 'member') {
    if (withNotes) throw new UsageError('--with-notes is for case exports; a member export already holds their own notes.');
    if (!/^[0-9a-f-]{36}$/.test(id ?? '')) throw new UsageError('Give "member" and the member id (a UUID, shown by the audit log or /network list).');
  } else if (kind === 'case') {
    if (!caseCodeRegex.test(normaliseCaseCode(id ?? ''))) throw new UsageError('Give "case" and the case code, like MS-0042 (never a name).');
  } else {
    throw new UsageError('Say what to export: "member <id>" or "case <code>".');
  }
  const cli = await openCli();
  try {
    const document = kind === 'member' ? await exportMember(cli.deps, id!) : await exportCase(cli.deps, id!, { withNotes });
    if (!document) throw new UsageError(`There is no case ${normaliseCaseCode(id!)}; please check the code.`);
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } finally {
    await cli.close();
  }
});
