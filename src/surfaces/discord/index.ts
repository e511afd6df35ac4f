import type { Surface } from '../../core/surface.js';
import type { SurfaceContext } from '../index.js';

export async function createDiscordSurface(_ctx: SurfaceContext): Promise<Surface> {
  throw new Error('the discord surface is being built (issue)');
}
