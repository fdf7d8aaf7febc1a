import { actorReference } from '@cabinet/kernel';
import { causedByCommand } from '@cabinet/platform/eventstore';
import type { ActivityRecorder } from '@cabinet/platform/activity';
import type { Logger } from '@cabinet/platform/logging';
import type { ClaimCommand } from '../domain/claimCommands.ts';
import type { ClaimEvent } from '../domain/claimEvents.ts';
import type { Claim } from '../domain/claimState.ts';

/** What happens to a claim after its events are appended, beside the log itself. */
export interface ClaimObserver {
  appended(
    claim: Claim,
    events: readonly ClaimEvent[],
    command: ClaimCommand,
    correlationId: string,
  ): Promise<void>;
}

/** `ClaimWorkStarted` → `CLAIM_WORK_STARTED`: the activity log's action names. */
function actionOf(event: ClaimEvent): string {
  return event.type.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

/**
 * Writes every change of a claim into its customer's activity log (served by identity as
 * `myActivity`), whoever made it. The log is a record, not part of the claim: a failure to write it is
 * logged and the change stands.
 */
export function claimActivity(recorder: ActivityRecorder, log: Logger): ClaimObserver {
  return {
    async appended(claim, events, command, correlationId) {
      for (const event of events) {
        try {
          await recorder.record(
            claim.customerId,
            {
              action: actionOf(event),
              actor: actorReference(command.actor),
              details: { claimId: claim.claimId, claimNumber: claim.claimNumber },
            },
            causedByCommand(command.metadata.commandId, correlationId),
          );
        } catch (error) {
          log.error({ err: error, claimId: claim.claimId }, 'claim activity not recorded');
        }
      }
    },
  };
}

/** For tests and benchmarks of the claim log itself, where no activity log is kept. */
export const withoutActivity: ClaimObserver = { appended: () => Promise.resolve() };
