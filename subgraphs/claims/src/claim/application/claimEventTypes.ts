import { EventTypeRegistry, type EventTypeDefinition } from '@cabinet/platform/eventstore';
import { z } from 'zod';
import type { ClaimEvent, ClaimEventType } from '../domain/claimEvents.ts';

/*
 * The stored shape of every claim event, version by version. A change to an event's data is a new
 * version of that type alone: its schema, and an upcaster from the version before, appended to its list.
 * Today's version of each type is checked against the domain's type by the compiler (`currentData`).
 */

const calendarDate = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const kopecks = z.int().nonnegative();
const staffRole = z.enum(['adjuster', 'supervisor']);
const dayCounting = z.enum(['CALENDAR_DAYS', 'CALENDAR_DAYS_EXCLUDING_HOLIDAYS', 'WORKING_DAYS']);

/** The `personal` part as stored: sealed with the customer's key, erased, or plain (never in the log today). */
function personal<Plain extends z.ZodRawShape>(plain: Plain) {
  return z.union([
    z.object({ sealed: z.string(), keyId: z.string() }),
    z.object({ erased: z.literal(true) }),
    z.object(plain),
  ]);
}

function claimEventData<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object({ claimId: z.string().min(1), occurredAt: instant, ...shape });
}

const runningClock = z.object({
  state: z.literal('RUNNING'),
  counting: dayCounting,
  countingFrom: calendarDate,
  days: z.int().nonnegative(),
  dueOn: calendarDate,
});
const decisionClock = z.discriminatedUnion('state', [
  runningClock,
  z.object({
    state: z.literal('PAUSED'),
    counting: dayCounting,
    pausedOn: calendarDate,
    remainingDays: z.int(),
  }),
]);
const claimDocument = z.object({
  documentId: z.string().min(1),
  contentType: z.string(),
  sizeBytes: z.int().nonnegative(),
  sha256: z.string(),
});
const documentNames = z.array(z.object({ documentId: z.string().min(1), fileName: z.string() }));
const staffDecision = z.object({ staffId: z.string().min(1), role: staffRole });

/** Today's version of each type's data, as the decider records it. */
type CurrentData = {
  readonly [Type in ClaimEventType]: z.ZodType<Extract<ClaimEvent, { type: Type }>['data']>;
};

const currentData = {
  ClaimSubmitted: claimEventData({
    claimNumber: z.string().min(1),
    customerId: z.string().min(1),
    policy: z.object({
      policyId: z.string().min(1),
      policyNumber: z.string(),
      product: z.enum(['OSAGO', 'KASKO', 'DMS', 'PROPERTY', 'MORTGAGE', 'TRAVEL', 'ACCIDENT']),
      soldByPartnerId: z.string().nullable(),
    }),
    incident: z.object({ occurredOn: calendarDate, kind: z.string() }),
    documents: z.array(claimDocument),
    personal: personal({
      incidentPlace: z.string(),
      description: z.string(),
      contactPhone: z.string().nullable(),
      contactEmail: z.string().nullable(),
      noticeEmail: z.string().nullable().optional(),
      documentNames,
    }),
  }),
  ClaimAccepted: claimEventData({ acceptedOn: calendarDate, decisionClock: runningClock }),
  ClaimAssigned: claimEventData({
    adjusterId: z.string().min(1),
    adjusterName: z.string().min(1).optional(),
  }),
  ClaimWorkStarted: claimEventData({ adjusterId: z.string().min(1) }),
  ClaimQuestionAsked: claimEventData({
    clarificationId: z.string().min(1),
    answerDueOn: calendarDate,
    personal: personal({ question: z.string() }),
  }),
  ClaimClarificationAnswered: claimEventData({
    clarificationId: z.string(),
    personal: personal({ answer: z.string() }),
  }),
  ClaimDocumentsRequested: claimEventData({ decisionClock, personal: personal({ message: z.string() }) }),
  ClaimDocumentsProvided: claimEventData({
    documents: z.array(claimDocument),
    fulfilsRequest: z.boolean(),
    decisionClock: decisionClock.nullable(),
    personal: personal({ documentNames }),
  }),
  ClaimCommented: claimEventData({
    commentId: z.string().min(1),
    author: z.object({ kind: z.enum(['customer', 'staff']), id: z.string().min(1) }),
    personal: personal({ text: z.string() }),
  }),
  ClaimApproved: claimEventData({ amountKopecks: kopecks, approvedBy: staffDecision }),
  ClaimRefused: claimEventData({
    reason: z.enum([
      'NOT_AN_INSURED_EVENT',
      'POLICY_NOT_IN_FORCE',
      'EXCLUDED_RISK',
      'DOCUMENTS_NOT_PROVIDED',
      'OTHER',
    ]),
    refusedBy: staffDecision,
    personal: personal({ explanation: z.string() }),
  }),
  ClaimMarkedReadyForPayout: claimEventData({ amountKopecks: kopecks }),
  ClaimPaidOut: claimEventData({ amountKopecks: kopecks, paymentReference: z.string().min(1) }),
  ClaimWithdrawn: claimEventData({ personal: personal({ reason: z.string().nullable() }) }),
} satisfies CurrentData;

const firstVersion = (schema: z.ZodType) => [{ version: 1, schema }] as const;

/** Every version of every claim event type; the last version of each is `currentData`'s. */
const claimEventVersions: {
  readonly [Type in ClaimEventType]: Omit<EventTypeDefinition, 'type'>;
} = {
  ClaimSubmitted: { versions: firstVersion(currentData.ClaimSubmitted) },
  ClaimAccepted: { versions: firstVersion(currentData.ClaimAccepted) },
  ClaimAssigned: { versions: firstVersion(currentData.ClaimAssigned) },
  ClaimWorkStarted: { versions: firstVersion(currentData.ClaimWorkStarted) },
  // Named for what the insurer was asked to do until the name said that it is the customer who asks.
  ClaimQuestionAsked: {
    formerNames: ['ClaimClarificationRequested'],
    versions: firstVersion(currentData.ClaimQuestionAsked),
  },
  ClaimClarificationAnswered: { versions: firstVersion(currentData.ClaimClarificationAnswered) },
  ClaimDocumentsRequested: { versions: firstVersion(currentData.ClaimDocumentsRequested) },
  ClaimDocumentsProvided: { versions: firstVersion(currentData.ClaimDocumentsProvided) },
  ClaimCommented: { versions: firstVersion(currentData.ClaimCommented) },
  ClaimApproved: { versions: firstVersion(currentData.ClaimApproved) },
  ClaimRefused: { versions: firstVersion(currentData.ClaimRefused) },
  ClaimMarkedReadyForPayout: { versions: firstVersion(currentData.ClaimMarkedReadyForPayout) },
  ClaimPaidOut: { versions: firstVersion(currentData.ClaimPaidOut) },
  ClaimWithdrawn: { versions: firstVersion(currentData.ClaimWithdrawn) },
};

export const CLAIM_EVENT_TYPES: readonly EventTypeDefinition[] = Object.entries(claimEventVersions).map(
  ([type, definition]) => ({ type, ...definition }),
);

const claimEventRegistry = new EventTypeRegistry(CLAIM_EVENT_TYPES);

/** The version a claim event of this type is recorded in today. */
export function claimEventVersion(type: ClaimEventType): number {
  return claimEventRegistry.currentVersion(type);
}
