// Prints the Slack app manifest (JSON) generated from commands/, for "Create New App → From an app
// manifest". Usage: npm run slack:manifest -- https://bot.example.org   (or -- --socket-mode)
// SLACK_COMMAND names the command family (default msn); SLACK_COMMANDS=separate declares one slash
// command per catalogue command instead.
import { catalogue } from '../commands/index.js';
import { configSchema } from '../src/config.js';
import { slackManifest } from '../src/surfaces/slack/manifest.js';

const args = process.argv.slice(2);
const socketMode = args.includes('--socket-mode');
const baseUrl = args.find((a) => !a.startsWith('--'));

if (!socketMode && !baseUrl) {
  process.stderr.write(
    "Give the bot's public https base URL (npm run slack:manifest -- https://bot.example.org), or --socket-mode.\n",
  );
  process.exit(2);
}
if (baseUrl && !/^https:\/\/[^\s/]+/.test(baseUrl)) {
  process.stderr.write(`Slack needs an https:// URL; got ${JSON.stringify(baseUrl.slice(0, 80))}.\n`);
  process.exit(2);
}

const present = (name: string) => process.env[name]?.trim() || undefined;
const setup = configSchema
  .pick({ SLACK_COMMAND: true, SLACK_COMMANDS: true })
  .safeParse({ SLACK_COMMAND: present('SLACK_COMMAND'), SLACK_COMMANDS: present('SLACK_COMMANDS') });
if (!setup.success) {
  const issue = setup.error.issues[0]!;
  process.stderr.write(
    `${String(issue.path[0])} ${issue.code === 'invalid_value' ? `must be one of ${issue.values.join(', ')}` : issue.message}.\n`,
  );
  process.exit(2);
}

const name = process.env.NETWORK_NAME?.trim() || 'Mentor Support Network';
process.stdout.write(
  `${JSON.stringify(slackManifest(catalogue, { name, baseUrl, socketMode, setup: setup.data }), null, 2)}\n`,
);
