/** The longest message, in characters: what a customer or operator may send at once. */
export const MESSAGE_MAX_LENGTH = 4_000;

/** The most customer messages a conversation remembers the times of, for the per-minute limit. */
export const MESSAGE_RATE_MEMORY = 60;

import type { BusinessHours } from './businessHours.ts';

/** The insurer's configured support rules the decider applies. */
export interface SupportRules {
  /** Days after closing within which the customer may reopen a conversation. */
  readonly reopenWithinDays: number;
  /** The most messages a customer may send to one conversation within a minute (at most MESSAGE_RATE_MEMORY). */
  readonly customerMessagesPerMinute: number;
  readonly businessHours: BusinessHours;
}
