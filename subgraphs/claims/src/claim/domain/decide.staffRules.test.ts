import { describe, expect, it } from 'vitest';
import type { ClaimActor } from './claimActor.ts';
import type { ClaimCommand, RegisteredStaffMember } from './claimCommands.ts';
import type { ClaimEvent } from './claimEvents.ts';
import { deciderSpecification } from '@cabinet/kernel/testing';
import {
  ADJUSTER,
  CLAIM_ID,
  OTHER_ADJUSTER,
  SUPERVISOR,
  claimDecider,
  command,
  history,
  occurredAt,
} from './testing/claimFixtures.ts';

const given = deciderSpecification(claimDecider);
const h = history();
const NOW = '2026-04-20';
const at = occurredAt(NOW);

const REGISTERED_ADJUSTER_2: RegisteredStaffMember = {
  staffId: 'adjuster-2',
  fullName: 'Петров Пётр Петрович',
  roles: ['adjuster'],
};
const approvedFor = (amountKopecks: number): ClaimEvent => ({
  type: 'ClaimApproved',
  data: {
    claimId: CLAIM_ID,
    occurredAt: occurredAt('2026-04-17'),
    amountKopecks,
    approvedBy: { staffId: 'adjuster-1', role: 'adjuster' },
  },
});
const markedReadyFor = (amountKopecks: number): ClaimEvent => ({
  type: 'ClaimMarkedReadyForPayout',
  data: { claimId: CLAIM_ID, occurredAt: occurredAt('2026-04-18'), amountKopecks },
});
/** Ready for payout with an amount below the fixtures' supervisor payout sum (50 000 ₽). */
const readyForSmallPayout = [...h.inProgress, approvedFor(20_000_00), markedReadyFor(20_000_00)];

const act = <C extends ClaimCommand>(type: C['type'], data: C['data'], actor: ClaimActor) =>
  command<C>(type, data, actor, NOW);

interface Row {
  readonly when: string;
  readonly given: readonly ClaimEvent[];
  readonly command: ClaimCommand;
  /** The event type recorded, or the refusal's code. */
  readonly then: ClaimEvent['type'] | { readonly refused: string };
}

/**
 * Who may give each staff command on whose claim: the adjuster assigned to it or a supervisor.
 * The claim in the history is assigned to adjuster-1 (ADJUSTER); OTHER_ADJUSTER is adjuster-2.
 */
const ROWS: Row[] = [
  // Accepting and taking an unassigned claim: any adjuster.
  {
    when: 'an adjuster accepts a new claim',
    given: h.submitted,
    command: act('AcceptClaim', {}, OTHER_ADJUSTER),
    then: 'ClaimAccepted',
  },
  {
    when: 'an adjuster takes an unassigned claim',
    given: h.accepted,
    command: act(
      'AssignClaim',
      { adjusterId: 'adjuster-2', registered: REGISTERED_ADJUSTER_2 },
      OTHER_ADJUSTER,
    ),
    then: 'ClaimAssigned',
  },
  {
    when: 'a supervisor assigns a registered adjuster',
    given: h.accepted,
    command: act('AssignClaim', { adjusterId: 'adjuster-2', registered: REGISTERED_ADJUSTER_2 }, SUPERVISOR),
    then: 'ClaimAssigned',
  },
  {
    when: 'a supervisor assigns an id the staff register does not hold',
    given: h.accepted,
    command: act('AssignClaim', { adjusterId: 'nobody', registered: null }, SUPERVISOR),
    then: { refused: 'CLAIM_ADJUSTER_NOT_FOUND' },
  },
  {
    when: 'a supervisor assigns a staff member who is not an adjuster',
    given: h.accepted,
    command: act(
      'AssignClaim',
      {
        adjusterId: 'analyst-1',
        registered: { staffId: 'analyst-1', fullName: 'Петров Пётр Петрович', roles: ['analyst'] },
      },
      SUPERVISOR,
    ),
    then: { refused: 'CLAIM_ADJUSTER_NOT_FOUND' },
  },
  {
    when: 'the register answers for another id than the one assigned',
    given: h.accepted,
    command: act('AssignClaim', { adjusterId: 'adjuster-3', registered: REGISTERED_ADJUSTER_2 }, SUPERVISOR),
    then: { refused: 'CLAIM_ADJUSTER_NOT_FOUND' },
  },
  // Working the claim: the assigned adjuster, never another one.
  {
    when: 'the assigned adjuster starts work',
    given: h.assigned,
    command: act('StartClaimWork', {}, ADJUSTER),
    then: 'ClaimWorkStarted',
  },
  {
    when: 'another adjuster starts work',
    given: h.assigned,
    command: act('StartClaimWork', {}, OTHER_ADJUSTER),
    then: { refused: 'FORBIDDEN' },
  },
  {
    when: 'an adjuster starts work on an unassigned claim',
    given: h.accepted,
    command: act('StartClaimWork', {}, OTHER_ADJUSTER),
    then: { refused: 'FORBIDDEN' },
  },
  {
    when: 'another adjuster requests documents',
    given: h.inProgress,
    command: act('RequestClaimDocuments', { message: 'Справка' }, OTHER_ADJUSTER),
    then: { refused: 'FORBIDDEN' },
  },
  {
    when: 'another adjuster answers the customer',
    given: h.awaitingResponse,
    command: act('AnswerClaimClarification', { answer: 'Нет' }, OTHER_ADJUSTER),
    then: { refused: 'FORBIDDEN' },
  },
  {
    when: 'another adjuster comments',
    given: h.inProgress,
    command: act('CommentOnClaim', { commentId: 'c-1', text: 'x' }, OTHER_ADJUSTER),
    then: { refused: 'FORBIDDEN' },
  },
  {
    when: 'the assigned adjuster approves',
    given: h.inProgress,
    command: act('ApproveClaim', { amountKopecks: 50_000_00 }, ADJUSTER),
    then: 'ClaimApproved',
  },
  {
    when: 'another adjuster approves',
    given: h.inProgress,
    command: act('ApproveClaim', { amountKopecks: 50_000_00 }, OTHER_ADJUSTER),
    then: { refused: 'FORBIDDEN' },
  },
  {
    when: 'another adjuster refuses',
    given: h.inProgress,
    command: act('RefuseClaim', { reason: 'OTHER', explanation: 'Нет' }, OTHER_ADJUSTER),
    then: { refused: 'FORBIDDEN' },
  },
  {
    when: 'another adjuster prepares the payout',
    given: h.approved,
    command: act('MarkClaimReadyForPayout', {}, OTHER_ADJUSTER),
    then: { refused: 'FORBIDDEN' },
  },
  {
    when: 'another adjuster pays out',
    given: readyForSmallPayout,
    command: act('PayOutClaim', { paymentReference: 'ПП-1' }, OTHER_ADJUSTER),
    then: { refused: 'FORBIDDEN' },
  },
  // The payout: the assigned adjuster below the supervisor sum, a supervisor at or above it.
  {
    when: 'the assigned adjuster pays out below the supervisor sum',
    given: readyForSmallPayout,
    command: act('PayOutClaim', { paymentReference: 'ПП-1' }, ADJUSTER),
    then: 'ClaimPaidOut',
  },
  {
    when: 'the assigned adjuster pays out exactly the supervisor sum',
    given: [...h.inProgress, approvedFor(50_000_00), markedReadyFor(50_000_00)],
    command: act('PayOutClaim', { paymentReference: 'ПП-1' }, ADJUSTER),
    then: { refused: 'CLAIM_PAYOUT_NEEDS_SUPERVISOR' },
  },
  {
    when: 'the assigned adjuster pays out above the supervisor sum',
    given: h.readyForPayout,
    command: act('PayOutClaim', { paymentReference: 'ПП-1' }, ADJUSTER),
    then: { refused: 'CLAIM_PAYOUT_NEEDS_SUPERVISOR' },
  },
  {
    when: 'a supervisor pays out above the supervisor sum',
    given: h.readyForPayout,
    command: act('PayOutClaim', { paymentReference: 'ПП-1' }, SUPERVISOR),
    then: 'ClaimPaidOut',
  },
  // Supervisors act on any claim.
  {
    when: 'a supervisor approves a claim assigned to someone else',
    given: h.inProgress,
    command: act('ApproveClaim', { amountKopecks: 50_000_00 }, SUPERVISOR),
    then: 'ClaimApproved',
  },
  {
    when: 'a supervisor answers the customer',
    given: h.awaitingResponse,
    command: act('AnswerClaimClarification', { answer: 'Нет' }, SUPERVISOR),
    then: 'ClaimClarificationAnswered',
  },
];

describe('staff commands: who may act on whose claim', () => {
  it.each(ROWS)('$when', (row) => {
    if (typeof row.then !== 'string') {
      given(row.given).when(row.command).thenRefused(row.then.refused);
      return;
    }
    const state = row.given.reduce(claimDecider.evolve, claimDecider.initialState);
    const events = claimDecider.decide(row.command, state);
    expect(events.map((event) => event.type)).toEqual([row.then]);
    expect(events[0]?.data.occurredAt).toBe(at);
  });

  it('names the adjuster id the register does not hold', () => {
    given(h.accepted)
      .when(act('AssignClaim', { adjusterId: 'nobody', registered: null }, SUPERVISOR))
      .thenRefused('CLAIM_ADJUSTER_NOT_FOUND', { field: 'adjusterId', adjusterId: 'nobody' });
  });

  it('tells the adjuster the sum and the supervisor threshold', () => {
    given(h.readyForPayout)
      .when(act('PayOutClaim', { paymentReference: 'ПП-1' }, ADJUSTER))
      .thenRefused('CLAIM_PAYOUT_NEEDS_SUPERVISOR', {
        amountKopecks: 5_432_100,
        supervisorFromKopecks: 50_000_00,
      });
  });
});
