// npm run doctor: checks the setup with the configured credentials and prints one line per check
// saying what to fix. Exit code 0 only when every check passes. Nothing is sent unless
// --send-test=<your e-mail or phone> asks for one test alert to you.
import { catalogue } from '../../commands/index.js';
import { loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { allPassed, formatResult, runSetupChecks } from '../doctor/index.js';
import { runCli, UsageError } from './context.js';

function sendTestTarget(args: string[]): string | undefined {
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--send-test=')) target = arg.slice('--send-test='.length);
    else if (arg === '--send-test' && args[i + 1]) target = args[++i];
    else throw new UsageError(`Unknown argument ${arg.slice(0, 40)}.`);
  }
  return target;
}

await runCli('npm run doctor [-- --send-test=you@example.org]', async (args) => {
  const sendTestTo = sendTestTarget(args);
  const config = loadConfig();
  const db = config.DATABASE_URL ? createDb(config.DATABASE_URL) : undefined;
  const results = await runSetupChecks(config, { catalogue, db, sendTestTo }).finally(() => db?.$disconnect());
  const failures = results.filter((r) => r.status === 'fail').length;
  const summary = failures
    ? `${failures} check${failures === 1 ? '' : 's'} failed: fix the lines marked ✗ and run npm run doctor again.`
    : 'All checks passed.';
  process.stdout.write(`${results.map(formatResult).join('\n')}\n${summary}\n`, () =>
    process.exit(allPassed(results) ? 0 : 1),
  );
});
