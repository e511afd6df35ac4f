// The command catalogue. Slack's manifest and Discord's registration are generated from it.
import type { CommandDecl } from '../src/core/catalogue.js';
import debrief from './debrief.js';
import help from './help.js';

export const catalogue: CommandDecl[] = [help, debrief];
