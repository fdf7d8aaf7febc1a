import { moscowDate, type CalendarDate } from '@cabinet/kernel';
import type { ClaimState } from './claimState.ts';

export type ClaimDeadlineKind = 'DECISION' | 'CLARIFICATION_ANSWER';

export interface ClaimDeadline {
  readonly kind: ClaimDeadlineKind;
  /** The last day (Moscow) on which the insurer is still in time. */
  readonly dueOn: CalendarDate;
}

/** The insurer's running deadlines on a claim, earliest first; a paused or stopped clock has none. */
export function claimDeadlines(state: ClaimState): ClaimDeadline[] {
  if (state.kind === 'none' || state.phase === 'COMPLETED') return [];
  const deadlines: ClaimDeadline[] = [];
  if (state.decisionClock?.state === 'RUNNING') {
    deadlines.push({ kind: 'DECISION', dueOn: state.decisionClock.dueOn });
  }
  if (state.openClarification !== null) {
    deadlines.push({ kind: 'CLARIFICATION_ANSWER', dueOn: state.openClarification.answerDueOn });
  }
  return deadlines.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}

export function nextClaimDeadline(state: ClaimState): ClaimDeadline | null {
  return claimDeadlines(state)[0] ?? null;
}

/** Whether a deadline's last day has ended (in Moscow) without the insurer acting. */
export function isOverdue(state: ClaimState, now: Date): boolean {
  const today = moscowDate(now);
  return claimDeadlines(state).some((deadline) => deadline.dueOn < today);
}
