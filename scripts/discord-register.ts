// npm run discord:register: registers the commands declared in commands/ with Discord (to the
// server in DISCORD_GUILD_ID when set, globally otherwise) and prints what changed.
import { DiscordAPIError, REST } from 'discord.js';
import { catalogue } from '../commands/index.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { describeChanges, registerCommands } from '../src/surfaces/discord/register.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const {
    DISCORD_TOKEN: token,
    DISCORD_APPLICATION_ID: applicationId,
    DISCORD_API_URL: api,
    DISCORD_GUILD_ID: guildId,
  } = config;
  if (!token || !applicationId) {
    throw new ConfigError(
      'Configuration error: DISCORD_TOKEN and DISCORD_APPLICATION_ID are needed to register commands. See .env.example.',
    );
  }
  const rest = new REST({ ...(api ? { api } : {}), retries: 0, rejectOnRateLimit: () => true }).setToken(token);
  const changes = await registerCommands(rest, applicationId, guildId, catalogue);
  process.stdout.write(`${describeChanges(changes)}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const detail =
    error instanceof DiscordAPIError
      ? `Discord said ${error.status} (${error.code}): ${error.message}`
      : (error as Error).message;
  process.stderr.write(`Registering Discord commands failed. ${detail}\n`);
  process.exit(1);
});
