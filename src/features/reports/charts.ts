// Bar charts for the report page, drawn on the server the way the digest draws its chart (vega to
// SVG, no browser): only values the reader may see are drawn; a hidden value has no bar.
// Parsing a spec and building a view cost far more than drawing, so the spec is parsed once (it
// holds no figures: titles, labels and values arrive as a signal and data sets) and one page's
// charts are drawn in turn by one view, finalized when the page is done; nothing outlives it.
// vega itself loads with the first chart, not at start-up.
import type * as Vega from 'vega';

export interface Bar {
  label: string;
  value: number | null;
}

const font = 'DejaVu Sans, sans-serif';

const spec: Vega.Spec = {
  $schema: 'https://vega.github.io/schema/vega/v6.json',
  width: 360,
  padding: 8,
  background: 'white',
  signals: [{ name: 'chartTitle', value: '' }],
  title: { text: { signal: 'chartTitle' }, anchor: 'start', fontSize: 13 },
  // Every label keeps its row (a hidden value shows as a gap); only visible values have bars.
  data: [
    { name: 'labels', values: [] },
    { name: 'bars', values: [] },
  ],
  scales: [
    { name: 'y', type: 'band', domain: { data: 'labels', field: 'label' }, range: 'height', padding: 0.2 },
    { name: 'x', type: 'linear', domain: { data: 'bars', field: 'value' }, range: 'width', nice: true, zero: true },
  ],
  axes: [
    { orient: 'left', scale: 'y', labelLimit: 220 },
    { orient: 'bottom', scale: 'x', tickMinStep: 1, grid: true },
  ],
  marks: [
    {
      type: 'rect',
      from: { data: 'bars' },
      encode: {
        update: {
          y: { scale: 'y', field: 'label' },
          height: { scale: 'y', band: 1 },
          x: { scale: 'x', value: 0 },
          x2: { scale: 'x', field: 'value' },
          fill: { value: '#1f5fa8' },
        },
      },
    },
  ],
  config: { text: { font }, axis: { labelFont: font }, title: { font } },
};

let loaded: { vega: typeof Vega; runtime: Vega.Runtime } | undefined;
async function load() {
  if (!loaded) {
    const vega = await import('vega');
    loaded = { vega, runtime: vega.parse(spec) };
  }
  return loaded;
}

/** Draws one page's charts, one after another; call done() when the page is rendered. */
export class ChartPainter {
  private view: Vega.View | undefined;

  /** An SVG, or undefined when there is nothing the reader may see to draw. */
  async barChartSvg(title: string, bars: readonly Bar[]): Promise<string | undefined> {
    if (!bars.some((b) => b.value !== null && b.value > 0)) return undefined;
    if (!this.view) {
      const { vega, runtime } = await load();
      this.view = new vega.View(runtime, { renderer: 'none' });
    }
    this.view
      .signal('chartTitle', title)
      .height(Math.max(60, bars.length * 24))
      .data(
        'labels',
        bars.map((b) => ({ label: b.label })),
      )
      .data(
        'bars',
        bars.filter((b) => b.value !== null).map((b) => ({ label: b.label, value: b.value })),
      );
    return this.view.toSVG();
  }

  done(): void {
    this.view?.finalize();
    this.view = undefined;
  }
}
