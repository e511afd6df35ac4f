// A local HTTP endpoint standing in for an SMS gateway's webhook: records every body it is sent;
// `fail` answers the next calls with 503. `requests` keeps each one's headers beside its body.
import { readFileSync } from 'node:fs';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { fileURLToPath } from 'node:url';

export interface WebhookReceiver {
  url: string;
  bodies: string[];
  requests: { headers: IncomingHttpHeaders; body: string }[];
  fail(times: number): void;
  close(): Promise<void>;
}

/** `tls`: https with the invented test-only certificate in test/fixtures/tls (trust it with ALERT_TLS_CA_FILE). */
export async function startWebhookReceiver(options: { tls?: boolean } = {}): Promise<WebhookReceiver> {
  const bodies: string[] = [];
  const requests: { headers: IncomingHttpHeaders; body: string }[] = [];
  let failures = 0;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (failures > 0) {
        failures--;
        res.writeHead(503).end();
        return;
      }
      bodies.push(body);
      requests.push({ headers: req.headers, body });
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"queued":true}');
    });
  };
  const pem = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/tls/${name}`, import.meta.url)));
  const server: Server = options.tls
    ? createTlsServer({ key: pem('relay.key.pem'), cert: pem('relay.cert.pem') }, handle)
    : createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/sms`,
    bodies,
    requests,
    fail: (times) => {
      failures = times;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
