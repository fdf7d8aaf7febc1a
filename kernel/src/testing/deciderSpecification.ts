import type { Decider } from '../deciders/decider.ts';
import { isDomainError, type DomainError } from '../errors/domainError.ts';
import { expect } from 'vitest';

/**
 * Given/When/Then for a decider: `given(history).when(command).then(events)`. The history is folded
 * with the decider's own `evolve`, so every test also exercises evolve.
 */
export function deciderSpecification<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return (history: readonly Event[]) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, history.reduce(decider.evolve, decider.initialState));
      return {
        then: (expected: readonly Event[]) => expect(run()).toEqual(expected),
        thenNothingHappens: () => expect(run()).toEqual([]),
        /** Asserts the refusal's code (and details, if given) and returns the error for further checks. */
        thenRefused: (code: string, details?: Readonly<Record<string, unknown>>): DomainError => {
          let refusal: unknown = undefined;
          try {
            run();
          } catch (error) {
            refusal = error;
          }
          if (!isDomainError(refusal))
            throw new Error(`Expected a DomainError ${code}, got ${String(refusal)}`);
          expect(refusal.code).toBe(code);
          if (details !== undefined) expect(refusal.details).toMatchObject(details);
          return refusal;
        },
      };
    },
  });
}
