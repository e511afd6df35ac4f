// The Discord surface: a discord.js client on the gateway. Interactions are read from the raw
// INTERACTION_CREATE payload (checked with zod) and answered through the REST API; owed messages
// are sent with one attempt each (REST retries off, rate limits rejected), the outbox retries.
import { once } from 'node:events';
import { Client, Events, GatewayDispatchEvents, GatewayIntentBits, Status } from 'discord.js';
import type { Router } from '../../core/router.js';
import type { Delivery, DeliveryResult, Surface } from '../../core/surface.js';
import type { SurfaceContext } from '../index.js';
import { deliverMessage } from './deliver.js';
import { handleInteraction } from './interactions.js';

export async function createDiscordSurface(ctx: SurfaceContext): Promise<Surface> {
  const { deps } = ctx;
  const { DISCORD_TOKEN: token, DISCORD_API_URL: api, DISCORD_GUILD_ID: guildId } = deps.config;
  if (!token) throw new Error('the Discord surface needs DISCORD_TOKEN (see README, "Discord")');
  const log = deps.log.child({ surface: 'discord' });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    rest: { ...(api ? { api } : {}), retries: 0, rejectOnRateLimit: () => true },
  });
  // Interactions still being answered, so stop() can let them finish before the database closes;
  // none is started once stopping (the database may be closing).
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  client.on(Events.Error, (error) => log.error({ err: { name: error.name } }, 'discord client error'));
  client.on(Events.ShardError, (error, shardId) =>
    log.warn({ err: { name: error.name }, shardId }, 'discord gateway connection error'),
  );
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.error({ code: event.code, shardId }, 'discord gateway closed for good'),
  );
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'discord gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => log.info({ shardId, replayed }, 'discord gateway resumed'));

  return {
    platform: 'discord',
    connected: () => client.ws.shards.size > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready),
    async start(router: Router) {
      client.ws.on(GatewayDispatchEvents.InteractionCreate, (raw: unknown) => {
        if (stopping) return;
        const handling = handleInteraction({ deps, router, rest: client.rest, guildId }, raw).catch((error: unknown) =>
          log.error({ err: { name: (error as Error).name } }, 'discord interaction handler failed'),
        );
        inFlight.add(handling);
        void handling.finally(() => inFlight.delete(handling));
      });
      const ready = once(client, Events.ClientReady);
      await client.login(token);
      await ready;
      log.info({ applicationId: client.application?.id }, 'discord surface ready');
    },
    async stop() {
      stopping = true;
      await Promise.allSettled([...inFlight]);
      await client.destroy();
    },
    deliver(delivery: Delivery): Promise<DeliveryResult> {
      return deliverMessage(client.rest, delivery, (actionId) =>
        log.warn(
          { outboxId: delivery.outboxId, actionId },
          'button left out: its id and value do not fit a Discord custom_id',
        ),
      );
    },
  };
}
