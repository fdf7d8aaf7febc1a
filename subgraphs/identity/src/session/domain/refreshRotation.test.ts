import { describe, expect, it } from 'vitest';
import { refreshDecision } from './refreshRotation.ts';

const rotatedAt = new Date('2026-03-02T09:00:00Z');
const after = (ms: number) => new Date(rotatedAt.getTime() + ms);
const GRACE_MS = 10_000;
const fresh = { sessionId: 's', issuedAt: '2026-03-02T08:50:00.000Z', rotatedAt: null };
const rotated = { ...fresh, rotatedAt: rotatedAt.toISOString(), successor: 'sealed' };

describe('what a refresh token buys', () => {
  it('rotates a token never used', () => {
    expect(refreshDecision(fresh, rotatedAt, GRACE_MS)).toBe('ROTATE');
  });

  it('replays the pair a rotated token bought within the grace, and treats it as reuse from then on', () => {
    expect(refreshDecision(rotated, after(0), GRACE_MS)).toBe('REPLAY');
    expect(refreshDecision(rotated, after(GRACE_MS - 1), GRACE_MS)).toBe('REPLAY');
    expect(refreshDecision(rotated, after(GRACE_MS), GRACE_MS)).toBe('REUSED');
  });

  it('never replays without a grace, nor a token rotated before successors were kept', () => {
    expect(refreshDecision(rotated, after(0), 0)).toBe('REUSED');
    expect(refreshDecision({ ...rotated, successor: undefined }, after(1), GRACE_MS)).toBe('REUSED');
    expect(refreshDecision({ ...rotated, successor: null }, after(1), GRACE_MS)).toBe('REUSED');
  });
});
