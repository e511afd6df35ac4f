// npm run keys:rotate: re-encrypt everything under the first key of DATA_KEYS (or .data/keys).
import { rotateKeys } from '../db/rotate-keys.js';
import { openCli, runCli } from './context.js';

await runCli('npm run keys:rotate', async () => {
  const cli = await openCli();
  try {
    const counts = await rotateKeys(cli.database.url, cli.deps.cipher);
    process.stdout.write(`Re-encrypted under key ${cli.deps.cipher.currentKeyId}: ${JSON.stringify(counts)}\n`);
  } finally {
    await cli.close();
  }
});
