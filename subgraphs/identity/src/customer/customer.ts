/** The insurer's customer record as identity keeps it. Personal data: never leaves for partners. */
export interface CustomerRecord {
  readonly id: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName: string | null;
  /** ISO date, yyyy-mm-dd. */
  readonly birthDate: string;
  /** Normalised `XXX-XXX-XXX YY`. */
  readonly snils: string | null;
  readonly inn: string | null;
  /** Normalised +7XXXXXXXXXX. */
  readonly phone: string | null;
  readonly email: string | null;
  readonly createdAt: string;
}

export function fullNameOf(customer: Pick<CustomerRecord, 'lastName' | 'firstName' | 'middleName'>): string {
  return [customer.lastName, customer.firstName, customer.middleName].filter(Boolean).join(' ');
}
