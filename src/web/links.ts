// Links the bot hands out are built from PUBLIC_URL (the https address people reach); without it,
// http://localhost:<port> (app.ts fills in the port it listens on), which only works on the same
// machine (the terminal demo).
import type { Config } from '../config.js';

export const publicOrigin = (config: Pick<Config, 'PUBLIC_URL' | 'PORT'>): string =>
  (config.PUBLIC_URL ?? `http://localhost:${config.PORT ?? 3000}`).replace(/\/+$/, '');

/** The full address of a path (which starts with /) on this bot's web layer. */
export const publicLink = (config: Pick<Config, 'PUBLIC_URL' | 'PORT'>, path: string): string =>
  `${publicOrigin(config)}${path}`;

/** Cookies get Secure (and the __Host- prefix) when people reach the bot over https. */
export const isSecureOrigin = (config: Pick<Config, 'PUBLIC_URL'>): boolean =>
  config.PUBLIC_URL?.startsWith('https://') ?? false;
