import {
  addCountedDays,
  countCountedDays,
  workingDayOnOrAfter,
  type DayCounting,
  type CalendarDate,
} from '@cabinet/kernel';
import type { DecisionClock } from './claimEvents.ts';

type RunningClock = Extract<DecisionClock, { state: 'RUNNING' }>;

export function startDecisionClock(
  countingFrom: CalendarDate,
  days: number,
  counting: DayCounting,
): RunningClock {
  return {
    state: 'RUNNING',
    counting,
    countingFrom,
    days,
    dueOn: workingDayOnOrAfter(addCountedDays(countingFrom, days, counting)),
  };
}

/**
 * Stops the clock while the customer gathers documents. A request made after the due date has passed
 * does not stop it: the deadline was already missed and stays missed.
 */
export function pauseDecisionClock(clock: DecisionClock, on: CalendarDate): DecisionClock {
  if (clock.state === 'PAUSED' || on > clock.dueOn) return clock;
  const used = countCountedDays(clock.countingFrom, on, clock.counting);
  return {
    state: 'PAUSED',
    counting: clock.counting,
    pausedOn: on,
    remainingDays: Math.max(0, clock.days - used),
  };
}

/** Restarts a paused clock with the days that were left when it stopped. */
export function resumeDecisionClock(clock: DecisionClock, on: CalendarDate): DecisionClock {
  return clock.state === 'PAUSED' ? startDecisionClock(on, clock.remainingDays, clock.counting) : clock;
}
