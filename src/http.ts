// The one HTTP server (and, with METRICS_PORT, a second one on 127.0.0.1 for /metrics): a plain
// prefix router. /healthz and /metrics are mounted by observability/endpoints.ts, Slack's receiver
// by the Slack surface (its path reserved, answering 503, until it is); anything else is 404.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServer {
  server: Server;
  port: number;
  /** Mounts a handler for every request whose path starts with `prefix` (replacing one reserved or mounted there). */
  mount(prefix: string, handler: RouteHandler): void;
  /** Until something is mounted at `prefix`, answers there 503 with Retry-After (a surface still starting). */
  reserve(prefix: string, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

/** Listens on `port` (0 picks a free one), on every interface unless `host` names one. */
export async function startHttpServer(port: number, options: { host?: string } = {}): Promise<HttpServer> {
  const routes: { prefix: string; handler: RouteHandler }[] = [];
  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0]!;
    void (async () => {
      try {
        const route = routes.find((r) => url.startsWith(r.prefix));
        if (route) return await route.handler(req, res);
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      } catch {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('error');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (options.host) server.listen(port, options.host, () => resolve());
    else server.listen(port, () => resolve());
  });
  const address = server.address();
  const mount = (prefix: string, handler: RouteHandler) => {
    const at = routes.findIndex((r) => r.prefix === prefix);
    if (at >= 0) routes[at] = { prefix, handler };
    else routes.push({ prefix, handler });
  };
  return {
    server,
    port: typeof address === 'object' && address ? address.port : port,
    mount,
    reserve: (prefix, retryAfterSeconds = 5) =>
      mount(
        prefix,
        (_req, res) =>
          void res
            .writeHead(503, {
              'retry-after': String(retryAfterSeconds),
              'content-type': 'text/plain',
              'cache-control': 'no-store',
            })
            .end('starting'),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
