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
