import type { Surface } from '../../core/surface.js';
import type { SurfaceContext } from '../index.js';

export async function createSlackSurface(_ctx: SurfaceContext): Promise<Surface> {
  throw new Error('the slack surface is being built (issue)');
}
