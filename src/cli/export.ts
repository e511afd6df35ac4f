// npm run export -- member <id>: a subject access export of everything held about a member (JSON).
import { exportMember } from '../features/governance/export.js';
import { openCli, runCli, UsageError } from './context.js';

await runCli('npm run export -- member <member-id>', async ([kind, id]) => {
  if (kind !== 'member' || !/^[0-9a-f-]{36}$/.test(id ?? '')) throw new UsageError('Give "member" and the member id (a UUID, shown by the audit log or /network list).');
  const cli = await openCli();
  try {
    process.stdout.write(`${JSON.stringify(await exportMember(cli.deps, id!), null, 2)}\n`);
  } finally {
    await cli.close();
  }
});
