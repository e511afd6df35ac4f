import { describe, expect, it } from 'vitest';
import { renderWeeklyChart, weeklyChartSvg, type WeekFigures } from '../../../src/features/digest/chart.js';

const weeks: WeekFigures[] = [
  { weekStart: '2026-02-09', sessions: 25, debriefs: 20, checkins: 40 },
  { weekStart: '2026-02-16', sessions: null, debriefs: 15, checkins: 35 },
  { weekStart: '2026-02-23', sessions: 30, debriefs: null, checkins: 45 },
  { weekStart: '2026-03-02', sessions: 35, debriefs: 25, checkins: null },
];

// vega labels each bar for screen readers: "Week starting: 2026-02-16; count: 15; measure: Debriefs".
const bars = (svg: string) =>
  [...svg.matchAll(/<path aria-label="([^"]*)"[^>]*aria-roledescription="bar"/g)].map((m) => m[1]!);

describe('weekly chart', () => {
  it('renders a PNG on the server', async () => {
    const png = await renderWeeklyChart(weeks);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(1000);
  });

  it('draws a bar for each published value and none for a suppressed one', async () => {
    const drawn = bars(await weeklyChartSvg(weeks));
    expect(drawn).toHaveLength(9);
    expect(drawn.some((b) => b.includes('2026-02-16') && b.includes('Sessions'))).toBe(false);
    expect(drawn.some((b) => b.includes('2026-02-23') && b.includes('Debriefs'))).toBe(false);
    expect(drawn.some((b) => b.includes('2026-03-02') && b.includes('Check-ins'))).toBe(false);
  });

  it('does not draw a count under the lowest threshold a network may set (5), even if one is passed by mistake', async () => {
    const drawn = bars(await weeklyChartSvg([{ weekStart: '2026-03-02', sessions: 4, debriefs: 10, checkins: null }]));
    expect(drawn).toHaveLength(1);
    expect(drawn[0]).toContain('Debriefs');
  });

  it('renders a week where everything is suppressed as empty axes', async () => {
    const png = await renderWeeklyChart([{ weekStart: '2026-03-02', sessions: null, debriefs: null, checkins: null }]);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('refuses a week that is not a date', async () => {
    await expect(
      weeklyChartSvg([{ weekStart: '"); evil(', sessions: 10, debriefs: 10, checkins: 10 }]),
    ).rejects.toThrow(RangeError);
  });
});
