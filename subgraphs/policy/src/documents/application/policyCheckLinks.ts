import { addMonths, type CalendarDate } from '@cabinet/kernel';
import type { LinkSigner, PublicLinks } from '@cabinet/platform/files';

/** A printed policy is checked for as long as claims on it may be brought (ГК РФ ст. 966: two years), and more. */
const CHECKABLE_MONTHS_AFTER_END = 36;

/** What the QR link on a policy PDF grants: reading whether this one policy is genuine and in force. */
export interface PolicyCheckGrant {
  readonly purpose: 'policy-check';
  readonly policyId: string;
  readonly expiresAt: number;
}

/** The path of the public policy check under the service's files (`/files/policy/check` at the gateway). */
export const POLICY_CHECK_PATH = '/check';

/**
 * The links printed as a QR code on a policy PDF: anyone who scans one may see whether the policy is
 * genuine and in force, and nothing else. The policy id sits inside a signed grant, so a link to
 * another policy cannot be made by changing or guessing an id.
 */
export class PolicyCheckLinks {
  constructor(
    private readonly signer: LinkSigner<PolicyCheckGrant>,
    private readonly links: PublicLinks,
  ) {}

  url(policy: { readonly id: string; readonly period: { readonly endsOn: CalendarDate } }): string {
    const lastDay = addMonths(policy.period.endsOn, CHECKABLE_MONTHS_AFTER_END);
    const token = this.signer.sign({
      purpose: 'policy-check',
      policyId: policy.id,
      // The end of that day in Moscow (UTC+3).
      expiresAt: Date.parse(`${lastDay}T21:00:00.000Z`),
    });
    return this.links.url(POLICY_CHECK_PATH, token);
  }

  /** The policy id of a genuine, unexpired link; DOCUMENT_LINK_INVALID or DOCUMENT_LINK_EXPIRED otherwise. */
  policyIdOf(token: string, now: Date): string {
    return this.signer.verify(token, 'policy-check', now).policyId;
  }
}
