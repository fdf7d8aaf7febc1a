/** The longest message, in characters: what a customer or operator may send at once. */
export const MESSAGE_MAX_LENGTH = 4_000;

/** The most files one message may carry. */
export const MAX_MESSAGE_ATTACHMENTS = 5;

import type { BusinessHours } from './businessHours.ts';

/** The insurer's configured support rules the decider applies. */
export interface SupportRules {
  /** Days after closing within which the customer may reopen a conversation. */
  readonly reopenWithinDays: number;
  readonly businessHours: BusinessHours;
}
