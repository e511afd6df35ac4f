// Form bodies: application/x-www-form-urlencoded only, read up to a limit (16 KiB unless a page
// says otherwise). A repeated field becomes a list, so a zod schema decides what it accepts.
import type { IncomingMessage } from 'node:http';

export const DEFAULT_FORM_LIMIT = 16 * 1024;

export type FormFields = Record<string, string | string[]>;

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyError(413, 'That form was too large to accept.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError(413, 'That form was too large to accept.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readForm(req: IncomingMessage, limit = DEFAULT_FORM_LIMIT): Promise<FormFields> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new BodyError(415, 'This page accepts only its own form.');
  const text = (await readLimited(req, limit)).toString('utf8');
  const fields: FormFields = Object.create(null) as FormFields;
  for (const [name, value] of new URLSearchParams(text)) {
    const had = fields[name];
    fields[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  }
  return fields;
}
