// Prints the Slack app manifest (JSON) generated from commands/, for "Create New App → From an app
// manifest". Usage: npm run slack:manifest -- https://bot.example.org   (or -- --socket-mode)
import { catalogue } from '../commands/index.js';
import { slackManifest } from '../src/surfaces/slack/manifest.js';

const args = process.argv.slice(2);
const socketMode = args.includes('--socket-mode');
const baseUrl = args.find((a) => !a.startsWith('--'));

if (!socketMode && !baseUrl) {
  process.stderr.write('Give the bot\'s public https base URL (npm run slack:manifest -- https://bot.example.org), or --socket-mode.\n');
  process.exit(2);
}
if (baseUrl && !/^https:\/\/[^\s/]+/.test(baseUrl)) {
  process.stderr.write(`Slack needs an https:// URL; got ${JSON.stringify(baseUrl.slice(0, 80))}.\n`);
  process.exit(2);
}

const name = process.env.NETWORK_NAME?.trim() || 'Mentor Support Network';
process.stdout.write(`${JSON.stringify(slackManifest(catalogue, { name, baseUrl, socketMode }), null, 2)}\n`);
