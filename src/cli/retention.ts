// npm run retention: remove content past its retention period now (the bot also does this daily).
import { applyRetention } from '../features/governance/retention.js';
import { openCli, runCli } from './context.js';

await runCli('npm run retention', async () => {
  const cli = await openCli();
  try {
    process.stdout.write(`${JSON.stringify(await applyRetention(cli.deps))}\n`);
  } finally {
    await cli.close();
  }
});
