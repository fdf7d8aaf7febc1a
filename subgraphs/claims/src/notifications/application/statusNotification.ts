import { CLAIM_RESOLUTION_LABELS, CLAIM_STATUS_LABELS } from '../../claim/domain/claimStatus.ts';
import type { ClaimStatusChangeRecord } from '../../statusFeed/application/statusChange.ts';

/** What the customer is told about one status change, by e-mail and by push. No personal data. */
export interface StatusNotificationText {
  readonly subject: string;
  readonly text: string;
  readonly pushTitle: string;
  readonly pushBody: string;
  readonly link: string;
}

/** The Russian text of a status change notice, with a link to the claim in the customer's cabinet. */
export function statusNotificationText(
  change: ClaimStatusChangeRecord,
  cabinetUrl: string,
): StatusNotificationText {
  const resolution = change.resolution === null ? '' : ` (${CLAIM_RESOLUTION_LABELS[change.resolution]})`;
  const status = `${CLAIM_STATUS_LABELS[change.status]}${resolution}`;
  const link = new URL(
    `claims/${encodeURIComponent(change.claimId)}`,
    withTrailingSlash(cabinetUrl),
  ).toString();
  return {
    subject: `Заявление ${change.claimNumber}: ${status}`,
    text: [
      'Здравствуйте!',
      '',
      `Статус вашего заявления № ${change.claimNumber} изменился: «${status}».`,
      `Подробности в личном кабинете: ${link}`,
      '',
      'Это письмо отправлено автоматически, отвечать на него не нужно.',
    ].join('\n'),
    pushTitle: `Заявление ${change.claimNumber}`,
    pushBody: `Новый статус: «${status}»`,
    link,
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
