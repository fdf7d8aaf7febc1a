export const POLICY_STATUSES = ['ACTIVE', 'RENEWED', 'SUSPENDED', 'EXPIRED', 'CANCELLED'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/** RENEWED marks a policy whose next term has been bought; it stays in force until its own end. */
export const POLICY_STATUS_LABELS: Readonly<Record<PolicyStatus, string>> = {
  ACTIVE: 'действует',
  RENEWED: 'продлён',
  SUSPENDED: 'приостановлен',
  EXPIRED: 'истёк',
  CANCELLED: 'расторгнут',
};
