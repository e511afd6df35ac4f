// The one HTTP server: /healthz here; Slack's receiver and /metrics mount on it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServer {
  server: Server;
  port: number;
  /** Mounts a handler for every request whose path starts with `prefix`. */
  mount(prefix: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

export async function startHttpServer(port: number, health: () => Promise<{ ok: boolean; [key: string]: unknown }>): Promise<HttpServer> {
  const routes: { prefix: string; handler: RouteHandler }[] = [];
  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0]!;
    void (async () => {
      try {
        if (req.method === 'GET' && url === '/healthz') {
          const report = await health();
          res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
          return;
        }
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
    server.listen(port, () => resolve());
  });
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : port,
    mount: (prefix, handler) => routes.push({ prefix, handler }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
