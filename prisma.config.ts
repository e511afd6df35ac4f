// Prisma CLI configuration: offline JS schema engine through the pg driver adapter (see STACK.md).
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

// Workaround for prisma/prisma#27403: the JS schema engine cannot deserialize the catalog types
// `name` (oid 19) and `"char"` (oid 18) that pg reports; present them as text (oid 25).
// CLI process only: the application never loads this file.
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
function patchFields(result: unknown): unknown {
  const fields = (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
  for (const field of fields ?? []) if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
  return result;
}
pg.Client.prototype.query = function patchedQuery(this: pg.Client, ...args: unknown[]) {
  const last = args.length - 1;
  const callback = args[last];
  if (typeof callback === 'function') {
    args[last] = (err: unknown, res: unknown) => callback(err, patchFields(res));
    return originalQuery.apply(this, args);
  }
  const config = args[0] as { callback?: (err: unknown, res: unknown) => void } | undefined;
  if (config && typeof config === 'object' && typeof config.callback === 'function') {
    const inner = config.callback;
    config.callback = (err, res) => inner(err, patchFields(res));
    return originalQuery.apply(this, args);
  }
  const out = originalQuery.apply(this, args);
  return out instanceof Promise ? out.then(patchFields) : out;
} as typeof pg.Client.prototype.query;

// `prisma generate` reads no database but refuses a schema whose url variable is unset.
if (!process.env.DATABASE_URL && process.argv.includes('generate')) {
  process.env.DATABASE_URL = 'postgresql://generate-only.invalid/none';
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  experimental: { adapter: true },
  engine: 'js',
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString)
      throw new Error(
        'DATABASE_URL must be set for Prisma CLI commands (npm run db:migrate starts the embedded server for you).',
      );
    return new PrismaPg({ connectionString });
  },
});
