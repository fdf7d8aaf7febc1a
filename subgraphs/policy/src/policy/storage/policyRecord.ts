import type { Policy } from '../domain/index.ts';

/** The holder's name as printed on the policy. */
export interface HolderName {
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName: string;
}

/**
 * A policy term as the policy service stores it: the domain Policy with what only this service
 * needs beside it.
 *
 * The holder's name is written on the policy when it is issued (or seeded) and carried to its
 * renewals, as on the paper contract: the PDF then needs no call to identity, and the name the
 * contract was signed with stays on it even if the customer later changes their name.
 */
export interface PolicyRecord extends Policy {
  /** The partner (bank, dealer, broker) that sold it, if any: it may follow claims on it. */
  readonly soldByPartnerId: string | null;
  readonly holderName: HolderName;
}

export function holderFullName(record: Pick<PolicyRecord, 'holderName'>): string {
  const { lastName, firstName, middleName } = record.holderName;
  return [lastName, firstName, middleName].filter((part) => part !== '').join(' ');
}
