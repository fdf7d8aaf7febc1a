import type { SessionRecord } from './session.ts';
import { SessionErrors } from './sessionErrors.ts';

/**
 * A person sees and ends only their own sessions. Someone else's session answers "not found", exactly
 * as an unknown id does, so session ids cannot be probed (customer records answer the same way).
 */
export function assertOwnSession(session: SessionRecord | null, subjectId: string): SessionRecord {
  if (session === null || session.subjectId !== subjectId) throw SessionErrors.sessionNotFound();
  return session;
}
