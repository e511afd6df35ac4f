// The page router: routes declared by method and path pattern (`/ack/:token`), mounted on the one
// HTTP server. It parses cookies and form bodies, checks CSRF on every POST before the page's code
// runs, validates the form with the page's zod schema, and writes every response with the security
// headers. Anything a page throws that is not a Refusal is a 500 page, logged by route pattern only
// (paths carry secret tokens).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Deps } from '../core/deps.js';
import { Refusal, type RefusalReason } from '../core/refusal.js';
import type { HttpServer } from '../http.js';
import { BodyError, DEFAULT_FORM_LIMIT, readForm } from './body.js';
import { cookieName, parseCookies, serializeCookie, type SetCookie } from './cookies.js';
import { CSRF_COOKIE, CSRF_FIELD, csrfToken, csrfValid, isCsrfNonce, newCsrfNonce } from './csrf.js';
import { securityHeaders, type CspExtra } from './headers.js';
import { html, type Html } from './html.js';
import { layout, STYLESHEET_PATH, stylesheet } from './layout.js';
import { isSecureOrigin, publicLink } from './links.js';

export interface WebRequest<F = undefined> {
  method: 'GET' | 'POST';
  /** The path as requested (it may hold a secret token: never log it). */
  path: string;
  /** The pattern's `:name` segments, URL-decoded. */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  cookies: ReadonlyMap<string, string>;
  /** The POST body after the page's zod schema (GET: undefined). */
  form: F;
  headers: IncomingHttpHeaders;
  now: Date;
  deps: Deps;
  /** The hidden CSRF input every form must carry; `action` is where the form posts (default: this path). */
  csrfField(action?: string): Html;
  /** The full address of a path, built from PUBLIC_URL. */
  link(path: string): string;
  /** Cookies get Secure and the __Host- prefix when PUBLIC_URL is https. */
  cookieName(name: string): string;
}

interface Common {
  status?: number;
  cookies?: SetCookie[];
}
export type WebResult =
  | (Common & { kind: 'page'; title: string; body: Html; csp?: CspExtra })
  | (Common & { kind: 'redirect'; location: string })
  | (Common & { kind: 'file'; contentType: string; body: string | Buffer; filename?: string });

/** An HTML page in the shared layout (200 unless `status` says otherwise). */
export const page = (title: string, body: Html, options: Common & { csp?: CspExtra } = {}): WebResult => ({
  kind: 'page',
  title,
  body,
  ...options,
});
/** 303 See Other to a path on this site (after a POST). */
export const redirect = (location: string, options: Common = {}): WebResult => ({
  kind: 'redirect',
  location,
  ...options,
});
/** Any other body: text/calendar, text/csv. A filename makes it a download (Content-Disposition: attachment). */
export const file = (
  contentType: string,
  body: string | Buffer,
  options: Common & { filename?: string } = {},
): WebResult => ({ kind: 'file', contentType, body, ...options });

type Handler<F> = (req: WebRequest<F>) => Promise<WebResult>;
interface Route {
  method: 'GET' | 'POST';
  pattern: string;
  segments: string[];
  schema?: z.ZodType;
  limit: number;
  handler: Handler<unknown>;
}

const SEGMENT = /^(:[a-zA-Z][a-zA-Z0-9]*|[A-Za-z0-9._~-]+)$/;
const MAX_PATH = 2048;

function match(route: Route, parts: string[]): Record<string, string> | undefined {
  if (route.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const want = route.segments[i]!;
    const got = parts[i]!;
    if (want.startsWith(':')) {
      if (!got) return undefined;
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return undefined;
      }
    } else if (want !== got) return undefined;
  }
  return params;
}

const refusalStatus: Record<RefusalReason, number> = {
  refused: 400,
  role: 403,
  not_owner: 403,
  not_found: 404,
  bad_button: 400,
  closed: 409,
  rate_limited: 429,
};

export class WebRouter {
  private readonly routes: Route[] = [];
  private mounted = false;

  constructor(private readonly deps: Deps) {
    this.get(STYLESHEET_PATH, async () => ({ kind: 'file', contentType: 'text/css; charset=utf-8', body: stylesheet }));
  }

  /** A page answering GET (and HEAD). A GET must never change anything: link previews and scanners open links. */
  get(pattern: string, handler: Handler<undefined>): void {
    this.add({ method: 'GET', pattern, handler: handler as Handler<unknown> });
  }

  /** A form target: CSRF is checked, then the body must pass `schema` (the `_csrf` field removed) before `handler` runs. */
  post<S extends z.ZodType>(
    pattern: string,
    schema: S,
    handler: Handler<z.infer<S>>,
    options: { limitBytes?: number } = {},
  ): void {
    this.add({ method: 'POST', pattern, schema, handler: handler as Handler<unknown>, limit: options.limitBytes });
  }

  /** Mounts every route's first path segment on the server (after this, no more routes can be added). */
  mount(http: HttpServer): void {
    this.mounted = true;
    const prefixes = new Set(this.routes.map((r) => `/${r.segments[0]}`));
    for (const prefix of prefixes) http.mount(prefix, (req, res) => this.handle(req, res));
  }

  private add(input: {
    method: 'GET' | 'POST';
    pattern: string;
    schema?: z.ZodType;
    limit?: number;
    handler: Handler<unknown>;
  }): void {
    if (this.mounted) throw new Error(`page ${input.pattern} was added after the web router was mounted`);
    const segments = input.pattern.split('/').slice(1);
    if (!input.pattern.startsWith('/') || !segments.every((s) => SEGMENT.test(s)) || segments[0]!.startsWith(':')) {
      throw new Error(`page path ${input.pattern} must look like /word/:name (its first segment fixed)`);
    }
    if (this.routes.some((r) => r.method === input.method && r.pattern === input.pattern))
      throw new Error(`page ${input.method} ${input.pattern} is declared twice`);
    this.routes.push({
      method: input.method,
      pattern: input.pattern,
      segments,
      schema: input.schema,
      limit: input.limit ?? DEFAULT_FORM_LIMIT,
      handler: input.handler,
    });
  }

  /** Answers one request; every outcome, including errors, is a complete response with the security headers. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { deps } = this;
    const secure = isSecureOrigin(deps.config);
    const url = req.url ?? '/';
    const at = url.indexOf('?');
    const path = at < 0 ? url : url.slice(0, at);
    const query = new URLSearchParams(at < 0 ? '' : url.slice(at + 1, at + 1 + MAX_PATH));
    const cookies = parseCookies(req.headers.cookie);
    const csrfCookie = cookieName(CSRF_COOKIE, secure);
    let nonce = cookies.get(csrfCookie);
    const setCookies: SetCookie[] = [];
    const head = req.method === 'HEAD';
    const method = head ? 'GET' : req.method;

    const send = (result: WebResult, extra: Record<string, string> = {}) => {
      if (res.headersSent) return void res.end();
      const headers: Record<string, string | string[]> = {
        ...securityHeaders({
          cache: result.kind === 'file' && result.contentType.startsWith('text/css') ? 'static' : 'no-store',
          csp: result.kind === 'page' ? result.csp : undefined,
        }),
        'x-robots-tag': 'noindex, nofollow',
        ...(secure ? { 'strict-transport-security': 'max-age=31536000' } : {}),
        ...extra,
      };
      const cookieLines = [...setCookies, ...(result.cookies ?? [])].map((c) => serializeCookie(c, secure));
      if (cookieLines.length) headers['set-cookie'] = cookieLines;
      let body: string | Buffer = '';
      if (result.kind === 'page') {
        headers['content-type'] = 'text/html; charset=utf-8';
        body = layout({ title: result.title, body: result.body, networkName: deps.config.NETWORK_NAME }).value;
      } else if (result.kind === 'redirect') {
        headers.location = result.location;
      } else {
        headers['content-type'] = result.contentType;
        if (result.filename)
          headers['content-disposition'] = `attachment; filename="${result.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
        body = result.body;
      }
      res.writeHead(result.status ?? (result.kind === 'redirect' ? 303 : 200), headers);
      res.end(head ? undefined : body);
    };
    let pattern = '(none)';
    const kindPage = (status: number, title: string, text: string) =>
      page(title, html`<p class="lead">${text}</p>`, { status });

    try {
      const parts = path.length > MAX_PATH || !path.startsWith('/') ? undefined : path.split('/').slice(1);
      const candidates = parts
        ? this.routes.map((route) => ({ route, params: match(route, parts) })).filter((c) => c.params)
        : [];
      const found = candidates.find((c) => c.route.method === method);
      if (!found) {
        if (candidates.length)
          return send(kindPage(405, 'Not available', 'This address cannot be used that way.'), {
            allow: [...new Set(candidates.map((c) => c.route.method))].join(', '),
          });
        return send(
          kindPage(
            404,
            'Page not found',
            'There is no page at this address. Check the link you were sent, or ask in chat.',
          ),
        );
      }
      const { route } = found;
      pattern = route.pattern;
      let form: unknown;
      if (route.method === 'POST') {
        const fields = await readForm(req, route.limit);
        const token = fields[CSRF_FIELD];
        if (
          !csrfValid(deps.cipher, {
            nonce,
            token,
            path,
            fetchSite: req.headers['sec-fetch-site'] as string | undefined,
          })
        ) {
          return send(
            kindPage(
              403,
              'Please try again',
              'This form had expired or did not come from this site, so nothing was changed. Go back, reload the page and press the button again.',
            ),
          );
        }
        delete fields[CSRF_FIELD];
        const parsed = route.schema!.safeParse(fields);
        if (!parsed.success)
          return send(
            kindPage(
              400,
              'Please check the form',
              parsed.error.issues[0]?.message ?? 'Something in the form was not as expected; nothing was changed.',
            ),
          );
        form = parsed.data;
      }
      const request: WebRequest<unknown> = {
        method: route.method,
        path,
        params: found.params!,
        query,
        cookies,
        form,
        headers: req.headers,
        now: deps.clock.now(),
        deps,
        csrfField: (action = path) => {
          if (!isCsrfNonce(nonce)) {
            nonce = newCsrfNonce();
            setCookies.push({ name: csrfCookie, value: nonce });
          }
          return html`<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken(deps.cipher, nonce, action)}">`;
        },
        link: (to) => publicLink(deps.config, to),
        cookieName: (name) => cookieName(name, secure),
      };
      return send(await route.handler(request));
    } catch (error) {
      if (error instanceof BodyError)
        return send(
          kindPage(error.status, 'Please try again', `${error.message} Nothing was changed.`),
          error.status === 413 ? { connection: 'close' } : {},
        );
      if (error instanceof Refusal)
        return send(kindPage(refusalStatus[error.reason], 'Nothing was changed', error.message));
      deps.log.error({ err: { name: (error as Error).name }, method: req.method, route: pattern }, 'web page failed');
      return send(
        kindPage(
          500,
          'Something went wrong',
          'Something went wrong on our side. Please try again in a minute, or use the chat instead.',
        ),
      );
    }
  }
}
