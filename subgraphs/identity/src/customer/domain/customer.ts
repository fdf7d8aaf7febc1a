export interface PassportData {
  readonly series: string;
  readonly number: string;
  readonly issueDate: string | null;
  /** `XXX-XXX`. */
  readonly divisionCode: string | null;
  readonly issuedBy: string | null;
}

/** The insurer's customer record as identity keeps it. Personal data: never leaves for partners. */
export interface CustomerRecord {
  readonly id: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName: string | null;
  /** ISO date, yyyy-mm-dd. */
  readonly birthDate: string;
  readonly gender: 'M' | 'F' | null;
  /** Normalised `XXX-XXX-XXX YY`. */
  readonly snils: string | null;
  readonly inn: string | null;
  readonly passport: PassportData | null;
  /** Normalised +7XXXXXXXXXX. */
  readonly phone: string | null;
  readonly email: string | null;
  readonly registrationAddress: string | null;
  /** The ESIA account linked at the first sign-in through Gosuslugi. */
  readonly esiaOid: string | null;
  /** Whether that account was confirmed at the latest sign-in. */
  readonly esiaTrusted: boolean | null;
  /** The consent version in force for this customer, null before acceptance or after revocation. */
  readonly consentVersion: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function fullNameOf(customer: Pick<CustomerRecord, 'lastName' | 'firstName' | 'middleName'>): string {
  return [customer.lastName, customer.firstName, customer.middleName].filter(Boolean).join(' ');
}
