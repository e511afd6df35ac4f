import { describe, expect, it } from 'vitest';
import {
  acknowledgementDeadline,
  defaultDeadlineRules,
  freezePolicy,
  suggestedTier,
} from '../../src/features/escalation/policy.js';

const rules = defaultDeadlineRules('Europe/London');
const deadline = (tier: 'P1' | 'P2' | 'P3', at: string) =>
  acknowledgementDeadline(tier, new Date(at), rules).toISOString();

describe('escalation deadlines', () => {
  it('gives P1 five minutes and P2 an hour', () => {
    expect(deadline('P1', '2026-11-23T10:00:00Z')).toBe('2026-11-23T10:05:00.000Z');
    expect(deadline('P2', '2026-11-23T10:00:00Z')).toBe('2026-11-23T11:00:00.000Z');
  });

  it('gives P3 until 17:00 the same working day, or the next working day after 15:00 or outside hours', () => {
    expect(deadline('P3', '2026-11-23T10:00:00Z')).toBe('2026-11-23T17:00:00.000Z');
    expect(deadline('P3', '2026-11-23T15:30:00Z')).toBe('2026-11-24T17:00:00.000Z');
    expect(deadline('P3', '2026-11-23T07:00:00Z')).toBe('2026-11-23T17:00:00.000Z');
    expect(deadline('P3', '2026-11-27T16:00:00Z')).toBe('2026-11-30T17:00:00.000Z');
    expect(deadline('P3', '2026-11-28T12:00:00Z')).toBe('2026-11-30T17:00:00.000Z');
    expect(deadline('P3', '2026-07-06T13:00:00Z')).toBe('2026-07-06T16:00:00.000Z');
  });

  it('suggests a tier from the category', () => {
    expect(suggestedTier('suicide_self_harm')).toBe('P1');
    expect(suggestedTier('safeguarding')).toBe('P2');
    expect(suggestedTier('other')).toBe('P3');
  });
});

describe('the frozen re-notification chain', () => {
  it('is primary at raise and +5, backup at +10, everyone at +15 for a P1', () => {
    const raised = new Date('2026-11-23T10:00:00Z');
    const policy = freezePolicy('P1', raised, acknowledgementDeadline('P1', raised, rules), true, 120);
    expect(policy.steps.map((s) => [s.at.slice(11, 16), s.to.join('+')]).slice(0, 5)).toEqual([
      ['10:00', 'primary'],
      ['10:05', 'primary'],
      ['10:10', 'backup'],
      ['10:15', 'all'],
      ['10:20', 'all'],
    ]);
    // Then every coordinator again every 5 minutes, 12 times, and the last word 5 minutes later.
    expect(policy.steps.filter((s) => s.loop).map((s) => s.loop)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(policy.steps.at(-2)!.at.slice(11, 16)).toBe('11:15');
    expect(policy.steps.at(-1)).toMatchObject({ n: 16, to: ['unanswered'] });
    expect(policy.steps.at(-1)!.at.slice(11, 16)).toBe('11:20');
  });

  it('repeats a P2 every 30 minutes 8 times, and a P3 not at all', () => {
    const raised = new Date('2026-11-23T10:00:00Z');
    const p2 = freezePolicy('P2', raised, acknowledgementDeadline('P2', raised, rules), true, 120);
    expect(p2.steps.filter((s) => s.loop).map((s) => s.at.slice(11, 16))).toEqual([
      '13:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
      '16:30',
      '17:00',
    ]);
    expect(p2.steps.at(-1)).toMatchObject({ to: ['unanswered'], at: '2026-11-23T17:30:00.000Z' });
    const p3 = freezePolicy('P3', raised, acknowledgementDeadline('P3', raised, rules), true, 120);
    expect(p3.steps.map((s) => s.to.join('+'))).toEqual(['primary', 'primary', 'backup', 'all']);
  });

  it('tells the backup and every coordinator at once when nobody is on duty', () => {
    const raised = new Date('2026-11-23T10:00:00Z');
    const steps = freezePolicy('P2', raised, acknowledgementDeadline('P2', raised, rules), false, 120).steps;
    expect(steps[0]).toEqual({ n: 0, at: raised.toISOString(), to: ['backup', 'all'] });
    expect(steps[1]).toEqual({ n: 1, at: '2026-11-23T10:30:00.000Z', to: ['backup', 'all'], loop: 1 });
  });
});
