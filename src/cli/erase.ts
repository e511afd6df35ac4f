// npm run erase -- member <id> | case <code>: destroy the subject's data key (cannot be undone).
import { eraseCase, eraseMember } from '../features/governance/erasure.js';
import { openCli, runCli, UsageError } from './context.js';

await runCli('npm run erase -- member <member-id> | case <case-code>', async ([kind, id]) => {
  if (kind === 'member' && /^[0-9a-f-]{36}$/.test(id ?? '')) {
    const cli = await openCli();
    await eraseMember(cli.deps, id!).finally(() => cli.close());
  } else if (kind === 'case' && /^[A-Za-z]{1,6}-\d{1,6}$/.test(id ?? '')) {
    const cli = await openCli();
    await eraseCase(cli.deps, id!).finally(() => cli.close());
  } else {
    throw new UsageError('Give "member" and a member id, or "case" and a case code such as MS-0042.');
  }
  process.stdout.write(`Erased ${kind} ${id}: its sensitive content can no longer be read.\n`);
});
