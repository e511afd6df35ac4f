// Surface factories by platform. Each adapter module is loaded only when its platform runs.
import type { Readable, Writable } from 'node:stream';
import type { Deps } from '../core/deps.js';
import type { Platform } from '../core/roles.js';
import type { Surface } from '../core/surface.js';
import type { HttpServer } from '../http.js';
import type { Background } from '../jobs/background.js';

export interface SurfaceIo {
  input: Readable;
  output: Writable;
}

export interface SurfaceContext {
  deps: Deps;
  http: HttpServer;
  /** The job runner and dispatcher: the terminal demo's /clock runs what falls due as it moves time. */
  background?: Pick<Background, 'runner' | 'dispatcher'>;
  io?: SurfaceIo;
  onEnd?: () => void;
}

export async function createSurface(platform: Platform, ctx: SurfaceContext): Promise<Surface> {
  switch (platform) {
    case 'shell': {
      const { createShellSurface } = await import('./shell/index.js');
      return createShellSurface({
        deps: ctx.deps,
        input: ctx.io?.input ?? process.stdin,
        output: ctx.io?.output ?? process.stdout,
        onEnd: ctx.onEnd,
        background: ctx.background,
      });
    }
    case 'slack': {
      const { createSlackSurface } = await import('./slack/index.js');
      return createSlackSurface(ctx);
    }
    case 'discord': {
      const { createDiscordSurface } = await import('./discord/index.js');
      return createDiscordSurface(ctx);
    }
  }
}
