// A bare HTTP client for web-layer tests: one connection per request (no keep-alive races with the
// server's idle timeout), the path sent exactly as given (fetch would normalise hostile paths), and
// the page's CSRF cookie and hidden field picked out as a browser would use them.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { expect } from 'vitest';

export interface WebReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The Set-Cookie pairs as a Cookie header value. */
  cookie: string;
  /** The `_csrf` hidden field of the page's form, if it has one. */
  csrf?: string;
}

export function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<WebReply> {
  return new Promise((resolve, reject) => {
    // A body always says its length (a GET's bare body would be a malformed request, refused by Node itself).
    const length = options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) };
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { ...length, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            cookie: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).join('; '),
            csrf: /name="_csrf" value="([^"]+)"/.exec(text)?.[1],
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A urlencoded form POST. */
export const postForm = (
  port: number,
  path: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  send(port, path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });

/** The headers every web response must carry (personal pages: never stored). */
export function expectSecurityHeaders(reply: WebReply): void {
  const csp = String(reply.headers['content-security-policy']);
  expect(csp).toContain("script-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(reply.headers['referrer-policy']).toBe('no-referrer');
  expect(reply.headers['x-content-type-options']).toBe('nosniff');
  if (!String(reply.headers['content-type']).startsWith('text/css'))
    expect(reply.headers['cache-control']).toBe('no-store');
}
