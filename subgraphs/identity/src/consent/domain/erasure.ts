/** A scheduled erasure of one customer's personal data after they revoked consent. */
export interface ErasureRecord {
  readonly customerId: string;
  readonly requestedAt: string;
  readonly eraseAt: string;
  /** The legal deadline (30 days after revocation). */
  readonly dueBy: string;
  readonly erasedAt: string | null;
  /**
   * When the customer accepted the consent again before the erasure ran; the record stays as the
   * proof of what happened to the revocation (Приказ РКН №179). Absent on records written before
   * an erasure could be cancelled.
   */
  readonly cancelledAt?: string | null;
}

/** Scheduled, and neither done nor cancelled. */
export function isErasurePending(record: ErasureRecord): boolean {
  return record.erasedAt === null && !record.cancelledAt;
}

/** Art. 21 ч.5: personal data is destroyed within 30 days of the revocation. */
export const ERASURE_DEADLINE_DAYS = 30;

export function erasureDates(revokedAt: Date, eraseAfterDays: number): { eraseAt: Date; dueBy: Date } {
  const day = 24 * 60 * 60 * 1000;
  const dueBy = new Date(revokedAt.getTime() + ERASURE_DEADLINE_DAYS * day);
  const eraseAt = new Date(revokedAt.getTime() + Math.min(eraseAfterDays, ERASURE_DEADLINE_DAYS) * day);
  return { eraseAt, dueBy };
}
