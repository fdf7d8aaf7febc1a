import { commandFingerprint } from '@cabinet/kernel';
import { startDecisionClock } from '../decisionClock.ts';
import type { ClaimActor } from '../claimActor.ts';
import type { ClaimCommand, SubmitClaim } from '../claimCommands.ts';
import { createClaimDecider } from '../claimDecider.ts';
import type { ClaimEvent, ClaimSubmitted, InsuranceProduct } from '../claimEvents.ts';
import type { ClaimRules } from '../claimRules.ts';

export const CLAIM_ID = '0f8c6a52-2c55-4a8e-9d51-6b7f0b2a4c11';
export const CLAIM_NUMBER = 'У-2026-000123';

export const CUSTOMER: ClaimActor = { kind: 'customer', customerId: 'customer-1' };
export const OTHER_CUSTOMER: ClaimActor = { kind: 'customer', customerId: 'customer-2' };
export const ADJUSTER: ClaimActor = { kind: 'staff', staffId: 'adjuster-1', role: 'adjuster' };
export const OTHER_ADJUSTER: ClaimActor = { kind: 'staff', staffId: 'adjuster-2', role: 'adjuster' };
export const SUPERVISOR: ClaimActor = { kind: 'staff', staffId: 'supervisor-1', role: 'supervisor' };

export const RULES: ClaimRules = {
  decisionDeadlines: {
    KASKO: { days: 30, counting: 'WORKING_DAYS' },
    DMS: { days: 10, counting: 'WORKING_DAYS' },
    PROPERTY: { days: 30, counting: 'CALENDAR_DAYS' },
    MORTGAGE: { days: 30, counting: 'CALENDAR_DAYS' },
    TRAVEL: { days: 15, counting: 'WORKING_DAYS' },
    ACCIDENT: { days: 30, counting: 'CALENDAR_DAYS' },
  },
  clarificationAnswerWorkingDays: 5,
  adjusterApprovalLimitKopecks: 100_000_00,
  supervisorPayoutFromKopecks: 50_000_00,
};

export const claimDecider = createClaimDecider(RULES);

/** Noon in Moscow on a given date, as a command's `now`. */
export function moscowNoon(date: string): Date {
  return new Date(`${date}T12:00:00+03:00`);
}

/** The instant of `moscowNoon(date)` as events record it. */
export function occurredAt(date: string): string {
  return moscowNoon(date).toISOString();
}

export function command<C extends ClaimCommand>(
  type: C['type'],
  data: C['data'],
  actor: ClaimActor,
  on = '2026-04-20',
): C {
  issuedCommands += 1;
  const commandId = `${type}-${issuedCommands}`;
  const metadata = { commandId, fingerprint: commandFingerprint(type, data), now: moscowNoon(on) };
  return { type, data, actor, metadata } as C;
}

/** Each command a test builds is a command of its own; a retry reuses the command object. */
let issuedCommands = 0;

/** The events of `command` as the claim's stream gives them back: with the id of the command that recorded them. */
export function recordedBy(command: ClaimCommand, events: readonly ClaimEvent[]): ClaimEvent[] {
  const { commandId, fingerprint: commandFingerprint } = command.metadata;
  return events.map((event) => ({ ...event, commandId, commandFingerprint }));
}

export function submitClaim(overrides: Partial<SubmitClaim['data']> = {}, on = '2026-04-13'): SubmitClaim {
  return command<SubmitClaim>(
    'SubmitClaim',
    {
      claimId: CLAIM_ID,
      claimNumber: CLAIM_NUMBER,
      policy: {
        policyId: 'policy-1',
        policyNumber: 'ХХХ 0123456789',
        product: 'OSAGO',
        soldByPartnerId: null,
      },
      incident: {
        occurredOn: '2026-04-10',
        kind: 'ROAD_ACCIDENT',
        place: 'Москва, Тверская ул., 1',
        description: 'Столкновение на перекрёстке',
      },
      contact: { phone: '+79001234567', email: null },
      noticeEmail: null,
      noticeName: null,
      customerName: 'Иванов Иван Иванович',
      documents: [
        {
          documentId: 'document-1',
          fileName: 'извещение о ДТП.pdf',
          contentType: 'application/pdf',
          sizeBytes: 120_000,
          sha256: 'a'.repeat(64),
        },
      ],
      ...overrides,
    },
    CUSTOMER,
    on,
  );
}

export function submitted(product: InsuranceProduct = 'OSAGO'): ClaimSubmitted {
  return {
    type: 'ClaimSubmitted',
    data: {
      claimId: CLAIM_ID,
      occurredAt: occurredAt('2026-04-13'),
      claimNumber: CLAIM_NUMBER,
      customerId: 'customer-1',
      policy: { policyId: 'policy-1', policyNumber: 'ХХХ 0123456789', product, soldByPartnerId: null },
      incident: { occurredOn: '2026-04-10', kind: 'ROAD_ACCIDENT' },
      documents: [
        {
          documentId: 'document-1',
          contentType: 'application/pdf',
          sizeBytes: 120_000,
          sha256: 'a'.repeat(64),
        },
      ],
      personal: {
        incidentPlace: 'Москва, Тверская ул., 1',
        description: 'Столкновение на перекрёстке',
        contactPhone: '+79001234567',
        contactEmail: null,
        noticeEmail: null,
        noticeName: null,
        customerName: 'Иванов Иван Иванович',
        documentNames: [{ documentId: 'document-1', fileName: 'извещение о ДТП.pdf' }],
      },
    },
  };
}

/** Histories that leave the claim in each situation the rules tell apart. */
export function history() {
  const accepted: ClaimEvent = {
    type: 'ClaimAccepted',
    data: {
      claimId: CLAIM_ID,
      occurredAt: occurredAt('2026-04-14'),
      acceptedOn: '2026-04-14',
      decisionClock: startDecisionClock('2026-04-14', 20, 'CALENDAR_DAYS_EXCLUDING_HOLIDAYS'),
    },
  };
  const assigned: ClaimEvent = {
    type: 'ClaimAssigned',
    data: { claimId: CLAIM_ID, occurredAt: occurredAt('2026-04-14'), adjusterId: 'adjuster-1' },
  };
  const workStarted: ClaimEvent = {
    type: 'ClaimWorkStarted',
    data: { claimId: CLAIM_ID, occurredAt: occurredAt('2026-04-15'), adjusterId: 'adjuster-1' },
  };
  const questionAsked: ClaimEvent = {
    type: 'ClaimQuestionAsked',
    data: {
      claimId: CLAIM_ID,
      occurredAt: occurredAt('2026-04-16'),
      clarificationId: 'clarification-1',
      answerDueOn: '2026-04-23',
      personal: { question: 'Нужна ли справка из ГИБДД?' },
    },
  };
  const documentsRequested: ClaimEvent = {
    type: 'ClaimDocumentsRequested',
    data: {
      claimId: CLAIM_ID,
      occurredAt: occurredAt('2026-04-16'),
      decisionClock: {
        state: 'PAUSED',
        counting: 'CALENDAR_DAYS_EXCLUDING_HOLIDAYS',
        pausedOn: '2026-04-16',
        remainingDays: 18,
      },
      personal: { message: 'Приложите фото повреждений' },
    },
  };
  const approved: ClaimEvent = {
    type: 'ClaimApproved',
    data: {
      claimId: CLAIM_ID,
      occurredAt: occurredAt('2026-04-17'),
      amountKopecks: 5_432_100,
      approvedBy: { staffId: 'adjuster-1', role: 'adjuster' },
    },
  };
  const markedReady: ClaimEvent = {
    type: 'ClaimMarkedReadyForPayout',
    data: { claimId: CLAIM_ID, occurredAt: occurredAt('2026-04-18'), amountKopecks: 5_432_100 },
  };
  const paidOut: ClaimEvent = {
    type: 'ClaimPaidOut',
    data: {
      claimId: CLAIM_ID,
      occurredAt: occurredAt('2026-04-19'),
      amountKopecks: 5_432_100,
      paymentReference: 'ПП-1',
    },
  };
  const refused: ClaimEvent = {
    type: 'ClaimRefused',
    data: {
      claimId: CLAIM_ID,
      occurredAt: occurredAt('2026-04-17'),
      reason: 'EXCLUDED_RISK',
      refusedBy: { staffId: 'adjuster-1', role: 'adjuster' },
      personal: { explanation: 'Риск не застрахован' },
    },
  };
  const withdrawn: ClaimEvent = {
    type: 'ClaimWithdrawn',
    data: { claimId: CLAIM_ID, occurredAt: occurredAt('2026-04-16'), personal: { reason: null } },
  };
  const submittedHistory = [submitted()];
  const acceptedHistory = [...submittedHistory, accepted];
  const assignedHistory = [...acceptedHistory, assigned];
  const inProgress = [...assignedHistory, workStarted];
  const approvedHistory = [...inProgress, approved];
  return {
    events: {
      accepted,
      assigned,
      workStarted,
      questionAsked,
      documentsRequested,
      approved,
      markedReady,
    },
    submitted: submittedHistory,
    accepted: acceptedHistory,
    assigned: assignedHistory,
    inProgress,
    awaitingResponse: [...inProgress, questionAsked],
    documentsRequested: [...inProgress, documentsRequested],
    approved: approvedHistory,
    approvedAwaitingResponse: [...approvedHistory, questionAsked],
    readyForPayout: [...approvedHistory, markedReady],
    paid: [...approvedHistory, markedReady, paidOut],
    refused: [...inProgress, refused],
    withdrawn: [...acceptedHistory, withdrawn],
  };
}
