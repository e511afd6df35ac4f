// The report page's HTML: the period picker, each section's tables and figures, and charts drawn
// from what the reader may see. Server-rendered, no script; prints to A4 (see report.css).
import { html, trustedHtml, type Html } from '../../web/index.js';
import { ChartPainter } from './charts.js';
import type { ShownReport, ShownTable } from './present.js';

const readerWords = {
  coordinator: 'exact figures (coordinators)',
  board: 'for the board: 1 and 2 shown as "fewer than 3"',
  evaluator: 'for evaluators: under 10 shown as "fewer than 10", others rounded to 5',
};

export const REPORT_CSS_PATH = '/report/report.css';

export function periodPicker(from: string, to: string, problem?: string): Html {
  return html`<form method="get" action="/report" class="picker no-print">
<label for="from">From</label><input type="date" id="from" name="from" value="${from}" required>
<label for="to">To</label><input type="date" id="to" name="to" value="${to}" required>
<button type="submit">Show</button>
</form>${problem ? html`<p class="warn" role="alert">${problem}</p>` : ''}`;
}

function table(t: ShownTable): Html {
  const multi = Boolean(t.rowTotals);
  return html`<table data-table="${t.id}">
<caption>${t.title}${t.notRecorded ? html` <span class="muted">(not recorded yet)</span>` : ''}</caption>
<thead><tr><th scope="col">${t.rowHeader}</th>${t.columns.map((c) => html`<th scope="col" class="number">${c}</th>`)}${multi ? html`<th scope="col" class="number">Total</th>` : ''}</tr></thead>
<tbody>${t.rows.map((r, i) => html`<tr><th scope="row">${r.label}</th>${r.cells.map((c) => html`<td class="number">${c}</td>`)}${multi ? html`<td class="number">${t.rowTotals![i]}</td>` : ''}</tr>`)}</tbody>
${t.totals ? html`<tfoot><tr><th scope="row">Total</th>${t.totals.map((c) => html`<td class="number">${c}</td>`)}</tr></tfoot>` : ''}
</table>${t.note ? html`<p class="muted note">${t.note}</p>` : ''}`;
}

/** Which tables get a chart, and which of their numbers it draws (the first column, or row totals). */
const charted: Record<string, string> = {
  referrals_by_source: 'Referrals by source',
  outcomes: 'Outcomes of closed cases',
  sessions: 'Sessions',
  escalations: 'Escalations by tier',
};

async function chartFor(t: ShownTable, painter: ChartPainter): Promise<Html> {
  const title = charted[t.id];
  if (!title || t.notRecorded) return html``;
  const first = t.columns[0];
  const bars = t.rowTotals
    ? t.rows.map((r, i) => ({ label: r.label, value: /^\d+$/.test(t.rowTotals![i]!) ? Number(t.rowTotals![i]) : null }))
    : t.rows.map((r) => ({
        label: r.label,
        value: t.chartable.find((c) => c.row === r.label && c.column === first)?.value ?? null,
      }));
  const svg = await painter.barChartSvg(title, bars);
  return svg
    ? html`<figure class="chart" data-chart="${t.id}">${trustedHtml(svg)}<figcaption class="muted">${title}: only figures shown in the table are drawn.</figcaption></figure>`
    : html``;
}

export async function reportBody(report: ShownReport, links: { csv: string; evaluationCsv?: string }): Promise<Html> {
  const sections: Html[] = [];
  const painter = new ChartPainter();
  try {
    for (const s of report.sections) {
      const parts: Html[] = [];
      for (const t of s.tables) parts.push(html`${table(t)}${await chartFor(t, painter)}`);
      const stats = s.stats.length
        ? html`<dl class="facts">${s.stats.map((x) => html`<dt>${x.label}</dt><dd data-stat="${x.id}">${x.value}</dd>`)}</dl>`
        : '';
      sections.push(html`<section data-section="${s.id}"><h2>${s.title}</h2>${parts}${stats}</section>`);
    }
  } finally {
    painter.done();
  }
  return html`<link rel="stylesheet" href="${REPORT_CSS_PATH}">
<p class="lead">${report.from} to ${report.to} · ${readerWords[report.reader]}</p>
${periodPicker(report.from, report.to)}
<p class="no-print downloads"><a class="button secondary" href="${links.csv}">Download the figures (CSV)</a>${links.evaluationCsv ? html` <a class="button secondary" href="${links.evaluationCsv}">Download the evaluation export (CSV)</a>` : ''}</p>
${report.empty ? html`<p class="warn" role="status">Nothing was recorded in this period: no referrals, cases, sessions or escalations. Choose another period above.</p>` : ''}
${sections}
<p class="muted">Built from structured fields only, never from anyone’s notes. “not recorded” means the network has not recorded that yet; it is not zero.</p>`;
}

export const reportCss = `main { max-width: 60rem; }
form.picker { display: flex; flex-wrap: wrap; align-items: end; gap: 0.5rem 1rem; margin: 0 0 1rem; }
form.picker label { margin: 0; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
p.note { font-size: 0.9rem; margin-top: -0.5rem; }
section { margin-top: 1.5rem; }
@media print {
  main { max-width: none; }
  section { break-inside: auto; }
  h2 { break-after: avoid; }
  a.button { display: none; }
}
`;
