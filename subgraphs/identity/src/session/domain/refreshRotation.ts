import type { RefreshTokenRecord } from './session.ts';

/**
 * What a refresh token buys: a new pair (`ROTATE`), the pair it bought a moment ago (`REPLAY`: a client
 * retrying after a time-out that never saw the answer), or the end of the session (`REUSED`: a copy).
 */
export type RefreshDecision = 'ROTATE' | 'REPLAY' | 'REUSED';

export function refreshDecision(record: RefreshTokenRecord, now: Date, graceMs: number): RefreshDecision {
  if (record.rotatedAt === null) return 'ROTATE';
  const sinceRotation = now.getTime() - new Date(record.rotatedAt).getTime();
  return record.successor && sinceRotation >= 0 && sinceRotation < graceMs ? 'REPLAY' : 'REUSED';
}
