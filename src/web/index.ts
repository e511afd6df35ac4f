// The bot's web layer: server-rendered pages on the one HTTP server (src/http.ts), for links handed
// out in chat, e-mail and SMS (the ack link, report sign-in, calendar feeds).
//
// How a feature adds a page:
//   1. In the feature, write `export function registerXPages(web: WebRouter): void` that declares
//      its routes; import only from '../../web/index.js' (never from surfaces/):
//        web.get('/ack/:token', async (req) => page('Acknowledge', html`<p>${name}</p>`));
//        web.post('/ack/:token', z.object({}), async (req) => ...);       // CSRF already checked
//        web.get('/calendar/:token', async (req) => file('text/calendar; charset=utf-8', ics));
//   2. Call it from registerPages in src/features/index.ts. app.ts makes one WebRouter per app,
//      calls registerPages(web), then web.mount(http): routes belong to that app only.
//   3. Tests: `const web = new WebRouter(deps); registerXPages(web); web.mount(await startHttpServer(0))`.
//
// What every page gets without asking: Content-Security-Policy with no script at all and
// frame-ancestors 'none', Referrer-Policy no-referrer, nosniff, Cache-Control no-store, the shared
// layout and stylesheet (/static/web.css), form bodies (urlencoded, 16 KiB unless `limitBytes`)
// validated by the page's zod schema, and CSRF on every POST: put `${req.csrfField()}` inside every
// <form method="post"> (give the action path when the form posts elsewhere). A GET must never change
// anything (link previews and scanners open links). Values in html`` are escaped; throw a Refusal
// for a kind 4xx page (not_found → 404, role/not_owner → 403, closed → 409, else 400). Links are
// built with req.link(path) or publicLink(config, path) from PUBLIC_URL. Secret tokens in URLs:
// newUrlToken / hashUrlToken / isUrlTokenShape (store only the hash). Cookies: set them in a
// result's `cookies` (always HttpOnly, SameSite=Strict, Secure on https); name them with
// req.cookieName(name) so they get the __Host- prefix on https.
export { BodyError, DEFAULT_FORM_LIMIT, type FormFields } from './body.js';
export type { SetCookie } from './cookies.js';
export { CSRF_FIELD } from './csrf.js';
export type { CspExtra } from './headers.js';
export { escapeHtml, html, Html, trustedHtml } from './html.js';
export { STYLESHEET_PATH } from './layout.js';
export { isSecureOrigin, publicLink, publicOrigin } from './links.js';
export { file, page, redirect, WebRouter, type WebRequest, type WebResult } from './router.js';
export { hashUrlToken, isUrlTokenShape, newUrlToken } from './tokens.js';
