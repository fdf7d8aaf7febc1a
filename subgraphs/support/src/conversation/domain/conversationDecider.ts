import type { Decider } from '@cabinet/kernel';
import type { ConversationCommand } from './conversationCommands.ts';
import type { ConversationEvent } from './conversationEvents.ts';
import { evolve, initialState, type ConversationState } from './conversationState.ts';
import { decide } from './decide.ts';
import type { SupportRules } from './supportRules.ts';

export type ConversationDecider = Decider<ConversationCommand, ConversationEvent, ConversationState>;

/** The conversation decider bound to the insurer's configured support rules. */
export function createConversationDecider(rules: SupportRules): ConversationDecider {
  return { decide: (command, state) => decide(command, state, rules), evolve, initialState };
}
