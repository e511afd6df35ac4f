// The digest's one picture: this period's activity and check-in totals beside the previous digests',
// as grouped bars, rendered on the server (vega-lite -> SVG with no browser -> PNG with resvg).
// Only counts that may be published are drawn: a null (suppressed) value has no bar, and so has any
// value under the lowest count threshold a network may set, in case a caller passes a raw count.
import type { TopLevelSpec } from 'vega-lite';
import { digestThresholdFloors } from '../../core/settings.js';

export interface WeekFigures {
  /** The Monday the week starts on, YYYY-MM-DD. */
  weekStart: string;
  sessions: number | null;
  debriefs: number | null;
  checkins: number | null;
}

const measures = [
  { key: 'sessions', label: 'Sessions', colour: '#4c78a8' },
  { key: 'debriefs', label: 'Debriefs', colour: '#f58518' },
  { key: 'checkins', label: 'Check-ins', colour: '#54a24b' },
] as const;

export function weeklyChartSpec(weeks: readonly WeekFigures[]): TopLevelSpec {
  for (const w of weeks)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(w.weekStart)) throw new RangeError('weekStart must be a date, YYYY-MM-DD.');
  const values = weeks.flatMap((w) =>
    measures.flatMap((m) => {
      const count = w[m.key];
      return count !== null && count >= digestThresholdFloors.countUnder
        ? [{ week: w.weekStart, measure: m.label, count }]
        : [];
    }),
  );
  const latest = weeks.at(-1)?.weekStart ?? '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 480,
    height: 200,
    background: 'white',
    title: { text: 'This digest and the ones before', subtitle: 'Rounded; counts too small to publish are not drawn' },
    data: { values },
    mark: 'bar',
    encoding: {
      x: {
        field: 'week',
        type: 'ordinal',
        title: 'Starting',
        scale: { domain: weeks.map((w) => w.weekStart) },
        axis: { labelAngle: 0 },
      },
      xOffset: { field: 'measure', scale: { domain: measures.map((m) => m.label) } },
      y: { field: 'count', type: 'quantitative', title: null, scale: { domainMin: 0 } },
      color: {
        field: 'measure',
        title: null,
        scale: { domain: measures.map((m) => m.label), range: measures.map((m) => m.colour) },
        legend: { orient: 'bottom' },
      },
      opacity: { condition: { test: `datum.week === ${JSON.stringify(latest)}`, value: 1 }, value: 0.55 },
    },
    config: { font: 'DejaVu Sans, sans-serif' },
  };
}

// Loading vega-lite installs Set.prototype.toJSON (for its own hashing). Left in place it changes
// how every Set in the process serialises and breaks discord.js's inspector when that loads after
// it, so vega-lite is loaded only to draw, and its patch is in place only while it compiles.
let vegaLite: { compile: typeof import('vega-lite').compile; setToJson?: PropertyDescriptor } | undefined;

async function compileToVega(spec: TopLevelSpec) {
  if (!vegaLite) {
    const { compile } = await import('vega-lite');
    vegaLite = { compile, setToJson: Object.getOwnPropertyDescriptor(Set.prototype, 'toJSON') };
    Reflect.deleteProperty(Set.prototype, 'toJSON');
  }
  if (vegaLite.setToJson) Object.defineProperty(Set.prototype, 'toJSON', vegaLite.setToJson);
  try {
    return vegaLite.compile(spec).spec;
  } finally {
    Reflect.deleteProperty(Set.prototype, 'toJSON');
  }
}

export async function weeklyChartSvg(weeks: readonly WeekFigures[]): Promise<string> {
  // vega and resvg load when the first chart is drawn, not at start-up.
  const vega = await import('vega');
  const view = new vega.View(vega.parse(await compileToVega(weeklyChartSpec(weeks))), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A PNG, twice the SVG's size so it stays sharp on high-density screens. */
export async function renderWeeklyChart(weeks: readonly WeekFigures[]): Promise<Buffer> {
  const svg = await weeklyChartSvg(weeks);
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
