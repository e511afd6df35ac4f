import { describe, expect, it } from 'vitest';
import { renderWeeklyChart } from '../../../src/features/digest/chart.js';

describe('drawing the digest chart', () => {
  it('leaves no patch on Set behind (it broke discord.js loading after it)', async () => {
    await renderWeeklyChart([{ weekStart: '2026-11-16', sessions: 25, debriefs: 20, checkins: 40 }]);
    expect(Object.getOwnPropertyDescriptor(Set.prototype, 'toJSON')).toBeUndefined();
    expect(JSON.stringify(new Set([1]))).toBe('{}');
    await import('@vladfrangu/async_event_emitter');
  });
});
