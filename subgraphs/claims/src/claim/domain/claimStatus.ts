/**
 * SUBMITTED precedes ACCEPTED on purpose: the ОСАГО clock runs from the day the insurer accepts the
 * application for review (40-ФЗ ст. 12 п. 21), not from the moment the customer sends it, so the two
 * moments are different facts and the customer sees that the claim has not been taken up yet.
 */
export const CLAIM_STATUSES = [
  'SUBMITTED',
  'ACCEPTED',
  'IN_PROGRESS',
  'AWAITING_RESPONSE',
  'DOCUMENTS_REQUESTED',
  'READY_FOR_PAYOUT',
  'COMPLETED',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Part of the API: customers read these. */
export const CLAIM_STATUS_LABELS: Readonly<Record<ClaimStatus, string>> = {
  SUBMITTED: 'Подано',
  ACCEPTED: 'Принято',
  IN_PROGRESS: 'В работе',
  AWAITING_RESPONSE: 'Ожидает ответа',
  DOCUMENTS_REQUESTED: 'Требуются документы',
  READY_FOR_PAYOUT: 'Готово к выдаче',
  COMPLETED: 'Завершено',
};

export const CLAIM_RESOLUTIONS = ['PAID', 'REFUSED', 'WITHDRAWN'] as const;
/** How a COMPLETED claim ended. */
export type ClaimResolution = (typeof CLAIM_RESOLUTIONS)[number];

export const CLAIM_RESOLUTION_LABELS: Readonly<Record<ClaimResolution, string>> = {
  PAID: 'Выплачено',
  REFUSED: 'Отказано',
  WITHDRAWN: 'Отозвано',
};
