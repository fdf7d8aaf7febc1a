import { isDomainError } from '@cabinet/kernel';
import { describe, expect, it } from 'vitest';
import { CLAIM_STATUS_LABELS } from './claimStatus.ts';
import { deciderSpecification } from '@cabinet/kernel/testing';
import { claimDecider } from './testing/claimFixtures.ts';
import { MATRIX, SITUATIONS, type Situation } from './testing/claimSituations.ts';

const given = deciderSpecification(claimDecider);

const CASES = Object.entries(MATRIX).flatMap(([type, { command, allowedIn }]) =>
  Object.entries(SITUATIONS).map(([situation, { events, status }]) => ({
    type,
    situation,
    command,
    events,
    status,
    allowed: allowedIn.includes(situation as Situation),
  })),
);

describe('every command in every situation', () => {
  it.each(CASES.filter((c) => !c.allowed))(
    '$type is refused when the claim is $situation ($status)',
    ({ command, events, status, type }) => {
      const refusal = given(events).when(command).thenRefused('CLAIM_TRANSITION_NOT_ALLOWED', {
        status,
        statusLabel: CLAIM_STATUS_LABELS[status],
        command: type,
      });
      expect(refusal.message).toContain(`«${CLAIM_STATUS_LABELS[status]}»`);
    },
  );

  it.each(CASES.filter((c) => c.allowed))(
    '$type is allowed when the claim is $situation',
    ({ command, events }) => {
      let refusalCode: string | null = null;
      try {
        claimDecider.decide(command, events.reduce(claimDecider.evolve, claimDecider.initialState));
      } catch (error) {
        refusalCode = isDomainError(error) ? error.code : String(error);
      }
      // Starting work on an unassigned claim is refused for a different reason, tested on its own.
      expect(refusalCode === null || refusalCode === 'CLAIM_NOT_ASSIGNED').toBe(true);
    },
  );

  it('tells the customer when the decision has already been taken', () => {
    const refusal = given(SITUATIONS.approved.events)
      .when(MATRIX.WithdrawClaim.command)
      .thenRefused('CLAIM_TRANSITION_NOT_ALLOWED', {
        decided: true,
      });
    expect(refusal.message).toBe(
      'Нельзя отозвать заявление: заявление в статусе «В работе». Решение о выплате уже принято.',
    );
  });
});

describe('a claim that does not exist', () => {
  it.each(Object.values(MATRIX).filter(({ command }) => command.type !== 'SubmitClaim'))(
    '$command.type is refused with CLAIM_NOT_FOUND',
    ({ command }) => {
      given([]).when(command).thenRefused('CLAIM_NOT_FOUND');
    },
  );
});
