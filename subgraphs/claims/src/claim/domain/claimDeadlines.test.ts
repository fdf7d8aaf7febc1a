import { describe, expect, it } from 'vitest';
import { claimDeadlines, isOverdue, nextClaimDeadline } from './claimDeadlines.ts';
import { foldClaim } from './claimDecider.ts';
import { initialState } from './claimState.ts';
import { history } from './testing/claimFixtures.ts';

const h = history();
// Acceptance on 14 April 2026 makes the ОСАГО decision due on 5 May; the fixture's question is due on 23 April.
const moscow = (local: string) => new Date(`${local}+03:00`);

describe('isOverdue', () => {
  it.each([
    ['on the due day itself, late in the evening', h.inProgress, '2026-05-05T23:59:59', false],
    ['the first minute after the due day', h.inProgress, '2026-05-06T00:00:00', true],
    ['while documents are requested, whatever the date', h.documentsRequested, '2026-06-30T12:00:00', false],
    ['an unanswered question past its due day', h.approvedAwaitingResponse, '2026-04-24T09:00:00', true],
    ['a decided claim with nothing owed', h.approved, '2026-06-30T12:00:00', false],
    ['a completed claim', h.paid, '2027-01-01T12:00:00', false],
    ['a claim not yet accepted', h.submitted, '2027-01-01T12:00:00', false],
    ['no claim at all', [], '2027-01-01T12:00:00', false],
  ])('%s: %s', (_case, events, now, expected) => {
    expect(isOverdue(foldClaim(events), moscow(now))).toBe(expected);
  });
});

describe('claim deadlines', () => {
  it('lists the running deadlines earliest first', () => {
    expect(claimDeadlines(foldClaim(h.awaitingResponse))).toEqual([
      { kind: 'CLARIFICATION_ANSWER', dueOn: '2026-04-23' },
      { kind: 'DECISION', dueOn: '2026-05-05' },
    ]);
    expect(nextClaimDeadline(foldClaim(h.awaitingResponse))).toEqual({
      kind: 'CLARIFICATION_ANSWER',
      dueOn: '2026-04-23',
    });
  });

  it('has none while the clock is paused or once the claim is decided', () => {
    expect(nextClaimDeadline(foldClaim(h.documentsRequested))).toBeNull();
    expect(nextClaimDeadline(foldClaim(h.approved))).toBeNull();
    expect(nextClaimDeadline(initialState)).toBeNull();
  });
});
