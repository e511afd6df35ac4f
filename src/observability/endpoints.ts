// GET /healthz and GET /metrics. On the public port (PORT, where Slack's events URL and the web pages
// face the internet) /healthz says one word, `ok` (200), `starting` or `unavailable` (503), and its
// details (database, surfaces, oldest overdue job, dispatcher) and /metrics are shown only to a
// request with `Authorization: Bearer <METRICS_TOKEN>`; without METRICS_TOKEN /metrics is 404 there.
// On the METRICS_PORT server, bound to 127.0.0.1, both are open to whoever can reach localhost.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpServer } from '../http.js';

/** Where the endpoints are served: the public port, or the metrics port on 127.0.0.1. */
export type Exposure = 'public' | 'local';

/** The bot's life: its HTTP server answers before the surfaces and background work have started. */
export type Readiness = 'starting' | 'running' | 'stopping';

export type HealthWord = 'ok' | 'starting' | 'unavailable';

export interface Observability {
  /** METRICS_TOKEN, when set. */
  token?: string;
  readiness(): Readiness;
  /** The database monitor's last answer: cheap, so an unauthenticated probe costs no query. */
  reachable(): boolean;
  /** The detailed report (reads the database). */
  details(): Promise<Record<string, unknown>>;
  /** The Prometheus text exposition. */
  metrics(): Promise<{ contentType: string; body: string }>;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
export function presentsToken(req: Pick<IncomingMessage, 'headers'>, token: string | undefined): boolean {
  if (!token) return false;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? '');
  // Both sides hashed first: equal lengths for timingSafeEqual, and no early exit on length.
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(token));
}

export function healthWord(o: Pick<Observability, 'readiness' | 'reachable'>): HealthWord {
  const readiness = o.readiness();
  if (readiness === 'starting') return 'starting';
  return readiness === 'running' && o.reachable() ? 'ok' : 'unavailable';
}

const NO_STORE = { 'cache-control': 'no-store' };

function onlyGet(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET') return true;
  res.writeHead(405, { allow: 'GET', ...NO_STORE }).end();
  return false;
}

const exactly = (req: IncomingMessage, path: string) => (req.url ?? '/').split('?')[0] === path;

export function mountObservability(http: HttpServer, o: Observability, exposure: Exposure): void {
  const trusted = (req: IncomingMessage) => exposure === 'local' || presentsToken(req, o.token);

  http.mount('/healthz', async (req, res) => {
    if (!exactly(req, '/healthz')) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    if (!onlyGet(req, res)) return;
    const status = healthWord(o);
    const code = status === 'ok' ? 200 : 503;
    if (!trusted(req))
      return void res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8', ...NO_STORE }).end(status);
    const details = await o.details();
    res
      .writeHead(code, { 'content-type': 'application/json', ...NO_STORE })
      .end(JSON.stringify({ status, ...details }));
  });

  http.mount('/metrics', async (req, res) => {
    if (!exactly(req, '/metrics')) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    // Not offered at all on the public port without a token; with one, a missing or wrong token is 401.
    if (exposure === 'public' && !o.token)
      return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    if (!trusted(req))
      return void res
        .writeHead(401, { 'www-authenticate': 'Bearer', 'content-type': 'text/plain', ...NO_STORE })
        .end('unauthorized');
    if (!onlyGet(req, res)) return;
    const { contentType, body } = await o.metrics();
    res.writeHead(200, { 'content-type': contentType, ...NO_STORE }).end(body);
  });
}
