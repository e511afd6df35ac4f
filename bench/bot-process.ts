// What the burst benchmarks share: the bot started as deployed, in its own process (`start:prod`,
// or `npm start` with --dev) on its own embedded PostgreSQL, its resident memory sampled throughout,
// and the quantiles they print.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const dev = process.argv.includes('--dev');
const root = path.resolve(import.meta.dirname, '..');

export const quantile = (values: number[], q: number) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! * 10) / 10;
};
export const ratio = (a: number | null, b: number | null) => (a !== null && b ? Math.round((a / b) * 10) / 10 : null);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `npm run build` first unless --dev: the production start runs compiled JavaScript. */
export function buildUnlessDev(): void {
  if (!dev) execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
}

/** The node arguments of package.json's start:prod (its V8 flags, then dist/src/main.js), so the bot is measured as deployed. */
function productionArgs(): string[] {
  const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
  const [node, ...args] = scripts['start:prod']!.split(/\s+/);
  if (node !== 'node') throw new Error('start:prod is expected to be `node [flags] dist/src/main.js`');
  return args;
}

export interface BotProcess {
  url: string;
  log(): string;
  peakRssMb(): number;
  stop(): Promise<void>;
}

export async function startBot(surfaceEnv: Record<string, string>): Promise<BotProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'msb-bench-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...surfaceEnv,
    PORT: String(port),
    DATA_DIR: dataDir,
    DATA_KEYS: `bench:${Buffer.alloc(32, 9).toString('base64')}`,
    LOG_LEVEL: 'warn',
  };
  // Its own embedded PostgreSQL, whatever this shell points at.
  delete env.DATABASE_URL;
  // BOT_NODE_OPTIONS reaches the bot alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where its time goes:
  // on node's command line for start:prod (NODE_OPTIONS refuses --cpu-prof), in NODE_OPTIONS under npm start.
  const extra = process.env.BOT_NODE_OPTIONS?.split(/\s+/).filter(Boolean) ?? [];
  if (dev && extra.length) env.NODE_OPTIONS = extra.join(' ');
  const child = dev
    ? spawn('npm', ['start', '--silent'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    : spawn(process.execPath, [...extra, ...productionArgs()], {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  let peak = 0;
  const sampler = setInterval(() => {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (rss) peak = Math.max(peak, Math.round(Number(rss[1]) / 1024));
    } catch {
      // the process has ended
    }
  }, 50);
  const url = `http://127.0.0.1:${port}`;
  const until = performance.now() + 120_000;
  for (;;) {
    const health = await fetch(`${url}/healthz`).then(
      (r) => r.text(),
      () => '',
    );
    if (health.includes('ok')) break;
    if (performance.now() > until || child.exitCode !== null)
      throw new Error(`the bot did not start:\n${log.slice(-2000)}`);
    await sleep(200);
  }
  return {
    url,
    log: () => log,
    // Under npm start the sampled process is npm itself, not the bot: memory is reported for start:prod.
    peakRssMb: () => (dev ? Number.NaN : peak),
    async stop() {
      clearInterval(sampler);
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The machine a figure was measured on, printed with every benchmark result. */
export const machine = () => ({
  node: process.version,
  cpus: cpus().length,
  date: new Date().toISOString().slice(0, 10),
});
