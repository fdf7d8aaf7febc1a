import type { Decider } from '@cabinet/kernel';
import type { ClaimCommand } from './claimCommands.ts';
import type { ClaimEvent } from './claimEvents.ts';
import type { ClaimRules } from './claimRules.ts';
import { evolve, initialState, type ClaimState } from './claimState.ts';
import { decide } from './decide.ts';

export type ClaimDecider = Decider<ClaimCommand, ClaimEvent, ClaimState>;

/** The claim decider bound to the insurer's configured rules. */
export function createClaimDecider(rules: ClaimRules): ClaimDecider {
  return {
    decide: (command, state) => decide(command, state, rules),
    evolve,
    initialState,
  };
}

/** Folds a claim's events into its state. */
export function foldClaim(events: Iterable<ClaimEvent>, state: ClaimState = initialState): ClaimState {
  let folded = state;
  for (const event of events) folded = evolve(folded, event);
  return folded;
}
