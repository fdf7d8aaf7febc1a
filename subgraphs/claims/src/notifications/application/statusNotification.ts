import { formatForPeople, money } from '@cabinet/kernel';
import { cabinetLink, letterTemplate, type OutgoingNotice } from '@cabinet/platform/notifications';
import { CLAIM_RESOLUTION_LABELS, CLAIM_STATUS_LABELS } from '../../claim/domain/claimStatus.ts';
import type { ClaimStatusChangeRecord } from '../../statusFeed/application/statusChange.ts';
import type { ClaimLetterFacts } from './claimLetterFacts.ts';

interface StatusChangeLetter {
  readonly claimNumber: string;
  readonly status: string;
  readonly requestedDocuments: string | null;
  /** «12 345,67 ₽». */
  readonly payout: string | null;
}

const STATUS_CHANGE_LETTER = letterTemplate<StatusChangeLetter>(
  new URL('./statusChangeLetter', import.meta.url),
);

/**
 * The Russian notice of a status change, with a link to the claim in the customer's cabinet: a push
 * without personal data, and a letter to the claim's verified e-mail (none when `facts.to` is null)
 * that greets the customer by name, says which documents are asked for and what was paid out.
 */
export function statusNotification(
  change: ClaimStatusChangeRecord,
  cabinetUrl: string,
  facts: ClaimLetterFacts,
): OutgoingNotice {
  const resolution = change.resolution === null ? '' : ` (${CLAIM_RESOLUTION_LABELS[change.resolution]})`;
  const status = `${CLAIM_STATUS_LABELS[change.status]}${resolution}`;
  const link = cabinetLink(cabinetUrl, 'claims', change.claimId);
  const subject = `Заявление ${change.claimNumber}: ${status}`;
  const letter = STATUS_CHANGE_LETTER(
    {
      claimNumber: change.claimNumber,
      status,
      requestedDocuments: facts.requestedDocuments,
      payout: facts.payoutKopecks === null ? null : formatForPeople(money(facts.payoutKopecks, 'RUB')),
    },
    {
      subject,
      greetingName: facts.greetingName,
      action: { label: 'Подробности в личном кабинете', url: link },
    },
  );
  return {
    customerId: change.customerId,
    subjectId: change.claimId,
    link,
    push: { title: `Заявление ${change.claimNumber}`, body: `Новый статус: «${status}»` },
    email: { to: facts.to, subject, ...letter },
  };
}
