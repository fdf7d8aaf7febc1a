import { moscowDate } from '@cabinet/kernel';
import { expireIfEnded } from './domain/index.ts';
import type { PolicyRepository } from './policyRepository.ts';

const BATCH = 200;

/**
 * Stores EXPIRED on policies past their last day, so that filtering by status finds them; cards
 * show the status of the day either way.
 */
export async function expireEndedPolicies(policies: PolicyRepository, now: Date): Promise<number> {
  let expired = 0;
  for (const status of ['ACTIVE', 'SUSPENDED'] as const) {
    for (;;) {
      const ended = await policies.endedBefore(status, moscowDate(now), BATCH);
      for (const policy of ended) {
        await policies.update(policy.id, (current) => {
          const next = expireIfEnded(current, now);
          return next === current ? null : { ...current, ...next };
        });
      }
      expired += ended.length;
      if (ended.length < BATCH) break;
    }
  }
  return expired;
}
