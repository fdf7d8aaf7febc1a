import { isHandledCommand, moscowDate } from '@cabinet/kernel';
import {
  acceptClaim,
  answerClarification,
  approveClaim,
  assignClaim,
  commentOnClaim,
  markReadyForPayout,
  payOutClaim,
  provideDocuments,
  refuseClaim,
  requestClarification,
  requestDocuments,
  startClaimWork,
  withdrawClaim,
  type ChangeContext,
} from './claimChanges.ts';
import { CLAIM_COMMAND_LABELS, type ClaimChangeCommand, type ClaimCommand } from './claimCommands.ts';
import { ClaimErrors } from './claimErrors.ts';
import type { ClaimEvent } from './claimEvents.ts';
import { assertMayChange } from './claimPermissions.ts';
import type { ClaimRules } from './claimRules.ts';
import type { Claim, ClaimState } from './claimState.ts';
import { decideSubmission } from './claimSubmission.ts';

/**
 * Decides what happens when a command meets a claim's state: the events to append, none when the
 * command repeats what already happened, or a DomainError when it is refused.
 *
 * A command the claim has already handled (the same command id) is answered first, before any other
 * rule: its events are recorded, so the repeat records nothing, whatever the claim's status is now.
 */
export function decide(command: ClaimCommand, state: ClaimState, rules: ClaimRules): ClaimEvent[] {
  if (isRepeat(command, state)) return [];
  if (command.type === 'SubmitClaim') return decideSubmission(command, state);
  if (state.kind === 'none') throw ClaimErrors.notFound();
  assertMayChange(command, state);
  const context: ChangeContext = {
    claimId: state.claimId,
    occurredAt: command.metadata.now.toISOString(),
    today: moscowDate(command.metadata.now),
    rules,
  };
  return decideChange(command, state, context);
}

/** Hands a permitted command on an existing claim to its own function. */
function decideChange(command: ClaimChangeCommand, claim: Claim, context: ChangeContext): ClaimEvent[] {
  switch (command.type) {
    case 'AcceptClaim':
      return acceptClaim(command, claim, context);
    case 'AssignClaim':
      return assignClaim(command, claim, context);
    case 'StartClaimWork':
      return startClaimWork(command, claim, context);
    case 'RequestClaimClarification':
      return requestClarification(command, claim, context);
    case 'AnswerClaimClarification':
      return answerClarification(command, claim, context);
    case 'RequestClaimDocuments':
      return requestDocuments(command, claim, context);
    case 'ProvideClaimDocuments':
      return provideDocuments(command, claim, context);
    case 'CommentOnClaim':
      return commentOnClaim(command, claim, context);
    case 'ApproveClaim':
      return approveClaim(command, claim, context);
    case 'RefuseClaim':
      return refuseClaim(command, claim, context);
    case 'MarkClaimReadyForPayout':
      return markReadyForPayout(command, claim, context);
    case 'PayOutClaim':
      return payOutClaim(command, claim, context);
    case 'WithdrawClaim':
      return withdrawClaim(command, claim, context);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

/**
 * True for a command the claim has handled: the same id, the same command and the same request. A
 * command id reused for another command, or for the same command asking something else, is refused.
 */
export function isRepeat(command: Pick<ClaimCommand, 'type' | 'metadata'>, state: ClaimState): boolean {
  if (state.kind === 'none') return false;
  return isHandledCommand(command, state.handledCommands, CLAIM_COMMAND_LABELS);
}
