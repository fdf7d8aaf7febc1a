import { cabinetLink, type OutgoingNotice } from '@cabinet/platform/notifications';
import { CLAIM_RESOLUTION_LABELS, CLAIM_STATUS_LABELS } from '../../claim/domain/claimStatus.ts';
import type { ClaimStatusChangeRecord } from '../../statusFeed/application/statusChange.ts';

/**
 * The Russian notice of a status change, with a link to the claim in the customer's cabinet, to the
 * claim's verified e-mail `to` (null: push only). No personal data.
 */
export function statusNotification(
  change: ClaimStatusChangeRecord,
  cabinetUrl: string,
  to: string | null,
): OutgoingNotice {
  const resolution = change.resolution === null ? '' : ` (${CLAIM_RESOLUTION_LABELS[change.resolution]})`;
  const status = `${CLAIM_STATUS_LABELS[change.status]}${resolution}`;
  const link = cabinetLink(cabinetUrl, 'claims', change.claimId);
  return {
    customerId: change.customerId,
    subjectId: change.claimId,
    link,
    push: { title: `Заявление ${change.claimNumber}`, body: `Новый статус: «${status}»` },
    email: {
      to,
      subject: `Заявление ${change.claimNumber}: ${status}`,
      text: [
        'Здравствуйте!',
        '',
        `Статус вашего заявления № ${change.claimNumber} изменился: «${status}».`,
        `Подробности в личном кабинете: ${link}`,
        '',
        'Это письмо отправлено автоматически, отвечать на него не нужно.',
      ].join('\n'),
    },
  };
}
