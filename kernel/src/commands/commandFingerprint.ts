import { createHash } from 'node:crypto';

/**
 * A digest of what a caller asked a command to do (its request's data), remembered with the handled
 * command id: a repeat under the same id with another fingerprint is not a retry but a reused key.
 * Object keys are taken in sorted order, so the same data written in another order is the same request;
 * `undefined` members count as absent, as they do in JSON.
 */
export function commandFingerprint(type: string, request: unknown): string {
  return createHash('sha256')
    .update(`${type}\n${canonicalJson(request)}`, 'utf8')
    .digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  return JSON.stringify(value) ?? 'null';
}
