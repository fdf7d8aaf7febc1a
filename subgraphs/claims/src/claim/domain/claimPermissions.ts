import type { ClaimActor } from './claimActor.ts';
import type { ClaimChangeCommand } from './claimCommands.ts';
import { ClaimErrors } from './claimErrors.ts';
import { claimStatusOf, type Claim } from './claimState.ts';

/**
 * `staff`: any adjuster or supervisor. `assignedStaff`: a supervisor, or the adjuster the claim is
 * assigned to; an adjuster acts on their own claims only (an unassigned one they may accept and take).
 */
type Who = 'owner' | 'staff' | 'assignedStaff' | 'ownerOrAssignedStaff';
type ClaimChangeType = ClaimChangeCommand['type'];

/** Who may issue each command on an existing claim; submission is the customer's own. */
const WHO_MAY: Readonly<Record<ClaimChangeType, Who>> = {
  AcceptClaim: 'staff',
  AssignClaim: 'staff',
  StartClaimWork: 'assignedStaff',
  RequestClaimClarification: 'owner',
  AnswerClaimClarification: 'assignedStaff',
  RequestClaimDocuments: 'assignedStaff',
  ProvideClaimDocuments: 'owner',
  CommentOnClaim: 'ownerOrAssignedStaff',
  ApproveClaim: 'assignedStaff',
  RefuseClaim: 'assignedStaff',
  MarkClaimReadyForPayout: 'assignedStaff',
  PayOutClaim: 'assignedStaff',
  WithdrawClaim: 'owner',
};

const isOpen = (claim: Claim): boolean => claim.phase !== 'COMPLETED';
const isUndecided = (claim: Claim): boolean => claim.approvedAmountKopecks === null;

/**
 * When each command is allowed. A question the customer asked must be answered before the insurer
 * decides, prepares or makes the payout; documents can be added until the claim is decided.
 */
const ALLOWED: Readonly<Record<ClaimChangeType, (claim: Claim) => boolean>> = {
  AcceptClaim: (claim) => claim.phase === 'SUBMITTED',
  AssignClaim: (claim) => ['ACCEPTED', 'IN_PROGRESS', 'READY_FOR_PAYOUT'].includes(claim.phase),
  StartClaimWork: (claim) => claim.phase === 'ACCEPTED',
  RequestClaimClarification: (claim) => isOpen(claim) && claim.openClarification === null,
  AnswerClaimClarification: (claim) => claim.openClarification !== null,
  RequestClaimDocuments: (claim) =>
    (claim.phase === 'ACCEPTED' || claim.phase === 'IN_PROGRESS') &&
    isUndecided(claim) &&
    !claim.documentsRequested,
  ProvideClaimDocuments: (claim) =>
    ['SUBMITTED', 'ACCEPTED', 'IN_PROGRESS'].includes(claim.phase) && isUndecided(claim),
  CommentOnClaim: isOpen,
  ApproveClaim: (claim) => claimStatusOf(claim) === 'IN_PROGRESS' && isUndecided(claim),
  RefuseClaim: (claim) => claimStatusOf(claim) === 'IN_PROGRESS' && isUndecided(claim),
  MarkClaimReadyForPayout: (claim) => claimStatusOf(claim) === 'IN_PROGRESS' && !isUndecided(claim),
  PayOutClaim: (claim) => claimStatusOf(claim) === 'READY_FOR_PAYOUT',
  WithdrawClaim: (claim) =>
    ['SUBMITTED', 'ACCEPTED', 'IN_PROGRESS'].includes(claim.phase) && isUndecided(claim),
};

/**
 * Refuses a command on an existing claim that its issuer may not give (FORBIDDEN), then one the
 * claim's state does not allow now (CLAIM_TRANSITION_NOT_ALLOWED).
 */
export function assertMayChange(command: ClaimChangeCommand, claim: Claim): void {
  authorize(command.actor, WHO_MAY[command.type], claim);
  if (!ALLOWED[command.type](claim)) throw ClaimErrors.transitionNotAllowed(claim, command.type);
}

function authorize(actor: ClaimActor, who: Who, claim: Claim): void {
  if (actor.kind === 'customer') {
    const isOwner = actor.customerId === claim.customerId;
    if (!isOwner || (who !== 'owner' && who !== 'ownerOrAssignedStaff')) throw ClaimErrors.forbidden();
    return;
  }
  if (who === 'owner') throw ClaimErrors.forbidden();
  if (who === 'staff' || actor.role === 'supervisor') return;
  if (actor.staffId !== claim.adjusterId) throw ClaimErrors.notAssignedToActor();
}
