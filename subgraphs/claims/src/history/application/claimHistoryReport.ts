import { formatForPeople, kopecks } from '@cabinet/kernel';
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

export interface ClaimHistorySection {
  readonly number: string;
  readonly policyNumber: string;
  readonly product: string;
  /** The current status, with how it ended once completed, e.g. «Завершено (Выплачено)». */
  readonly status: string;
  readonly approvedAmount: string | null;
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
  return {
    number: claim.claimNumber,
    policyNumber: claim.policy.policyNumber,
    product: INSURANCE_PRODUCT_LABELS[claim.policy.product],
    status:
      claim.resolution === null
        ? CLAIM_STATUS_LABELS[status]
        : `${CLAIM_STATUS_LABELS[status]} (${CLAIM_RESOLUTION_LABELS[claim.resolution]})`,
    approvedAmount:
      claim.approvedAmountKopecks === null ? null : formatForPeople(kopecks(claim.approvedAmountKopecks)),
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
