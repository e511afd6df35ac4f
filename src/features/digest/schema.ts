// The deny-list's shape: what must never appear in a digest, as built from the network's records
// (known-names.ts) or read from a file by the redaction CLI.
import { z } from 'zod';

/** Everything the network knows must never appear in a digest (built from members, cases and settings). */
export const denyListSchema = z.object({
  names: z.array(z.string()).default([]),
  handles: z.array(z.string()).default([]),
  caseCodes: z.array(z.string()).default([]),
  places: z.array(z.string()).default([]),
  organisations: z.array(z.string()).default([]),
});

export type DenyList = z.output<typeof denyListSchema>;

export const emptyDenyList: DenyList = { names: [], handles: [], caseCodes: [], places: [], organisations: [] };
