import { DomainError } from '@cabinet/kernel';

export type ConsentAction = 'ACCEPTED' | 'REVOKED';

/** One acceptance or revocation, kept as the proof 152-ФЗ asks the operator to produce. */
export interface ConsentRecord {
  readonly id: string;
  readonly customerId: string;
  readonly version: string;
  readonly action: ConsentAction;
  readonly at: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export const ConsentErrors = {
  versionOutdated: (current: string) =>
    new DomainError(
      'CONSENT_VERSION_OUTDATED',
      'Текст согласия обновился. Прочитайте действующую редакцию и примите её.',
      { consentVersion: current },
    ),
  notGiven: () =>
    new DomainError('CONSENT_NOT_GIVEN', 'Действующего согласия на обработку персональных данных нет.'),
} as const;

/** Art. 21 ч.5: personal data is destroyed within 30 days of the revocation. */
export const ERASURE_DEADLINE_DAYS = 30;

export function erasureDates(revokedAt: Date, eraseAfterDays: number): { eraseAt: Date; dueBy: Date } {
  const day = 24 * 60 * 60 * 1000;
  const dueBy = new Date(revokedAt.getTime() + ERASURE_DEADLINE_DAYS * day);
  const eraseAt = new Date(revokedAt.getTime() + Math.min(eraseAfterDays, ERASURE_DEADLINE_DAYS) * day);
  return { eraseAt, dueBy };
}
