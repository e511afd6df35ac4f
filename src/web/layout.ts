// The one page layout and its stylesheet, served as a static file (the CSP allows no inline style
// or script). Pages give a title and a body; the network's name heads every page.
import { html, type Html } from './html.js';

export const STYLESHEET_PATH = '/static/web.css';

export function layout(page: { title: string; body: Html; networkName: string }): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${page.title} · ${page.networkName}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<header class="site"><span>${page.networkName}</span></header>
<main>
<h1>${page.title}</h1>
${page.body}
</main>
</body>
</html>
`;
}

export const stylesheet = `:root { color-scheme: light; --ink: #1d232b; --muted: #5a6570; --line: #d8dde3; --accent: #1f5fa8; --warn: #8a3b00; --ok: #1d6b3a; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f7f9; }
header.site { padding: 0.75rem 1.25rem; background: #fff; border-bottom: 1px solid var(--line); color: var(--muted); font-size: 0.9rem; }
main { max-width: 44rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
main.wide { max-width: 72rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
p.lead { font-size: 1.1rem; }
p.muted, .muted { color: var(--muted); }
p.warn { color: var(--warn); }
p.ok { color: var(--ok); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; font-weight: 600; }
form.inline { display: inline; }
button, .button { display: inline-block; padding: 0.6rem 1.2rem; font: inherit; font-weight: 600; color: #fff; background: var(--accent); border: 0; border-radius: 6px; cursor: pointer; text-decoration: none; }
button.secondary { color: var(--accent); background: #fff; border: 1px solid var(--accent); }
label { display: block; margin: 0.75rem 0 0.25rem; font-weight: 600; }
input, select { font: inherit; padding: 0.4rem; border: 1px solid var(--line); border-radius: 4px; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { background: #fff; font-size: 11pt; }
  header.site, form, button, .no-print { display: none; }
  main, main.wide { max-width: none; margin: 0; padding: 0; border: 0; }
  h2, figure, table { break-inside: avoid; }
}
`;
