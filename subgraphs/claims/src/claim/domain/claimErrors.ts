import { CommonErrors, DomainError } from '@cabinet/kernel';
import { CLAIM_COMMAND_LABELS, type ClaimCommandType } from './claimCommands.ts';
import { claimStatusOf, type Claim } from './claimState.ts';
import { CLAIM_STATUS_LABELS } from './claimStatus.ts';

export const ClaimErrors = {
  notFound: (claimId?: string) =>
    new DomainError('CLAIM_NOT_FOUND', 'Заявление не найдено.', claimId === undefined ? {} : { claimId }),

  transitionNotAllowed: (claim: Claim, command: ClaimCommandType) => {
    const status = claimStatusOf(claim);
    const decided = claim.approvedAmountKopecks !== null && claim.phase === 'IN_PROGRESS';
    const why = decided ? ' Решение о выплате уже принято.' : '';
    return new DomainError(
      'CLAIM_TRANSITION_NOT_ALLOWED',
      `Нельзя ${CLAIM_COMMAND_LABELS[command]}: заявление в статусе «${CLAIM_STATUS_LABELS[status]}».${why}`,
      { status, statusLabel: CLAIM_STATUS_LABELS[status], command, decided },
    );
  },

  notAssigned: () => new DomainError('CLAIM_NOT_ASSIGNED', 'Сначала назначьте урегулировщика по заявлению.'),

  approvalLimitExceeded: (amountKopecks: number, limitKopecks: number) =>
    new DomainError(
      'CLAIM_APPROVAL_LIMIT_EXCEEDED',
      'Сумма превышает лимит урегулировщика: решение должен принять руководитель.',
      { amountKopecks, limitKopecks },
    ),

  notAssignedToActor: () =>
    new DomainError(
      'FORBIDDEN',
      'Действовать по заявлению может только назначенный на него урегулировщик или руководитель.',
    ),

  adjusterNotFound: (adjusterId: string) =>
    new DomainError('CLAIM_ADJUSTER_NOT_FOUND', 'Урегулировщик с таким идентификатором не найден.', {
      field: 'adjusterId',
      adjusterId,
    }),

  payoutNeedsSupervisor: (amountKopecks: number, supervisorFromKopecks: number) =>
    new DomainError('CLAIM_PAYOUT_NEEDS_SUPERVISOR', 'Выплату такой суммы проводит руководитель.', {
      amountKopecks,
      supervisorFromKopecks,
    }),

  resumeTooFar: (maxEvents: number) =>
    new DomainError(
      'CLAIM_FEED_RESUME_TOO_FAR',
      'С этой позиции пропущено слишком много изменений. Обновите список заявлений и подпишитесь заново.',
      { field: 'after', maxEvents },
    ),

  forbidden: CommonErrors.forbidden,
  badInput: CommonErrors.badInput,
} as const;
