import { formatForPeople, formatRussianDate, kopecks } from '@cabinet/kernel';
import type { InsuranceProduct } from '../../claim/domain/claimEvents.ts';
import { claimStatusOf } from '../../claim/domain/claimState.ts';
import { CLAIM_RESOLUTION_LABELS, CLAIM_STATUS_LABELS } from '../../claim/domain/claimStatus.ts';
import type { ClaimCard } from '../../claim/storage/claimCard.ts';
import type { OpenedPersonalData } from '../../claim/storage/claimCardReader.ts';
import { actorLabelOf, timelineDetailsOf } from '../../claim/storage/claimTimelineText.ts';
import { formatMoscowDateTime } from '@cabinet/platform/pdf';

export const INSURANCE_PRODUCT_LABELS: Readonly<Record<InsuranceProduct, string>> = {
  OSAGO: 'ОСАГО',
  KASKO: 'КАСКО',
  DMS: 'ДМС',
  PROPERTY: 'Страхование имущества',
  MORTGAGE: 'Ипотечное страхование',
  TRAVEL: 'Страхование путешественников',
  ACCIDENT: 'Страхование от несчастных случаев',
};

/** One line of a claim's history as the report prints it; times are already Moscow time. */
export interface ClaimHistoryLine {
  readonly at: string;
  readonly who: string;
  readonly what: string;
  /** «Подано → Принято» when the status changed, else null. */
  readonly statusChange: string | null;
  /** The customer's own text under the line (a question, a description); null when none or erased. */
  readonly details: string | null;
}

/** The payout as the customer finds it in their bank: amount, payment reference and when. */
export interface ClaimHistoryPayout {
  readonly amount: string;
  readonly reference: string;
  readonly paidAt: string;
}

/** A file the customer attached, by the name they gave it. */
export interface ClaimHistoryAttachment {
  readonly name: string;
  readonly providedAt: string;
}

export interface ClaimHistorySection {
  readonly number: string;
  /** The holder's full name as on the policy; null for claims submitted before it was kept, or erased. */
  readonly customerName: string | null;
  readonly policyNumber: string;
  readonly product: string;
  /** The day of the incident, e.g. «10.04.2026». */
  readonly incidentOn: string | null;
  /** The current status, with how it ended once completed, e.g. «Завершено (Выплачено)». */
  readonly status: string;
  /** Who handles the claim, once assigned: since when, and the staff code the hotline finds them by. */
  readonly adjuster: string | null;
  readonly approvedAmount: string | null;
  readonly payout: ClaimHistoryPayout | null;
  readonly files: readonly ClaimHistoryAttachment[];
  readonly submittedAt: string;
  /** Every status the claim reached, with when. */
  readonly statuses: readonly { readonly at: string; readonly label: string }[];
  readonly lines: readonly ClaimHistoryLine[];
}

export interface ClaimHistoryReport {
  readonly title: string;
  readonly generatedAt: string;
  readonly sections: readonly ClaimHistorySection[];
  /** Set when the customer has more claims than the report holds. */
  readonly omitted: number;
}

/** A claim's card with its personal parts opened, as the report shows it to its customer or staff. */
export function claimHistorySection(card: ClaimCard, personal: OpenedPersonalData): ClaimHistorySection {
  const { claim } = card;
  const status = claimStatusOf(claim);
  const customerName = personal[0]?.['customerName'];
  return {
    number: claim.claimNumber,
    customerName: typeof customerName === 'string' ? customerName : null,
    policyNumber: claim.policy.policyNumber,
    product: INSURANCE_PRODUCT_LABELS[claim.policy.product],
    incidentOn: card.incident === null ? null : formatRussianDate(card.incident.occurredOn),
    adjuster: adjusterOf(card),
    status:
      claim.resolution === null
        ? CLAIM_STATUS_LABELS[status]
        : `${CLAIM_STATUS_LABELS[status]} (${CLAIM_RESOLUTION_LABELS[claim.resolution]})`,
    approvedAmount:
      claim.approvedAmountKopecks === null ? null : formatForPeople(kopecks(claim.approvedAmountKopecks)),
    payout:
      card.payout === null
        ? null
        : {
            amount: formatForPeople(kopecks(card.payout.amountKopecks)),
            reference: card.payout.paymentReference,
            paidAt: formatMoscowDateTime(card.payout.paidAt),
          },
    files: card.documents.map((document) => ({
      name: fileNameOf(personal[document.entry], document.documentId),
      providedAt: formatMoscowDateTime(document.providedAt),
    })),
    submittedAt: formatMoscowDateTime(card.submittedAt),
    statuses: card.timeline
      .filter((entry) => entry.statusBefore !== entry.statusAfter)
      .map((entry) => ({
        at: formatMoscowDateTime(entry.at),
        label: CLAIM_STATUS_LABELS[entry.statusAfter],
      })),
    lines: card.timeline.map((entry, index) => {
      const plain = personal[index];
      return {
        at: formatMoscowDateTime(entry.at),
        who: actorLabelOf(entry.actor),
        what: entry.what,
        statusChange:
          entry.statusBefore === null || entry.statusBefore === entry.statusAfter
            ? null
            : `${CLAIM_STATUS_LABELS[entry.statusBefore]} → ${CLAIM_STATUS_LABELS[entry.statusAfter]}`,
        details: plain ? timelineDetailsOf(entry, plain) : null,
      };
    }),
  };
}

/** Where a claim's adjuster is named: their assignment, or their taking the claim themselves. */
const ADJUSTER_EVENTS: ReadonlySet<string> = new Set(['ClaimAssigned', 'ClaimWorkStarted']);

/**
 * The adjuster as the customer may quote them to the hotline: their name as recorded with the
 * assignment, since when, and the first block of their staff id (the only mark of assignments made
 * before names were recorded).
 */
function adjusterOf(card: ClaimCard): string | null {
  const { adjusterId, adjusterName } = card.claim;
  if (adjusterId === null) return null;
  const since = card.timeline.findLast((entry) => ADJUSTER_EVENTS.has(entry.type));
  const code = `код сотрудника ${adjusterId.slice(0, 8).toUpperCase()}`;
  const assigned =
    since === undefined ? `назначен (${code})` : `назначен ${formatMoscowDateTime(since.at)} (${code})`;
  return adjusterName ? `${adjusterName}, ${assigned}` : assigned;
}

/** A file's name from the opened personal part it came with; gone once the customer's data is erased. */
function fileNameOf(plain: Readonly<Record<string, unknown>> | null | undefined, documentId: string): string {
  const names = plain?.['documentNames'];
  const found = Array.isArray(names)
    ? (names as readonly { documentId?: unknown; fileName?: unknown }[]).find(
        (name) => name.documentId === documentId,
      )
    : undefined;
  return typeof found?.fileName === 'string'
    ? found.fileName
    : 'файл (имя удалено вместе с персональными данными)';
}
