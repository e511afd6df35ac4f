import { describe, expect, it } from 'vitest';
import { acknowledgementDeadline, defaultDeadlineRules, freezePolicy, suggestedTier } from '../../src/features/escalation/policy.js';

const rules = defaultDeadlineRules('Europe/London');
const deadline = (tier: 'P1' | 'P2' | 'P3', at: string) => acknowledgementDeadline(tier, new Date(at), rules).toISOString();

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
    expect(policy.steps.map((s) => [s.at.slice(11, 16), s.to.join('+')])).toEqual([
      ['10:00', 'primary'],
      ['10:05', 'primary'],
      ['10:10', 'backup'],
      ['10:15', 'all'],
    ]);
  });

  it('tells the backup and every coordinator at once when nobody is on duty', () => {
    const raised = new Date('2026-11-23T10:00:00Z');
    expect(freezePolicy('P2', raised, acknowledgementDeadline('P2', raised, rules), false, 120).steps).toEqual([{ n: 0, at: raised.toISOString(), to: ['backup', 'all'] }]);
  });
});
