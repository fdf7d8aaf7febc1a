const PREFIX = 'claim-';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The event store category of claim streams (the stream name's part before the first '-'). */
export const CLAIM_STREAM_CATEGORY = 'claim';

export function claimStreamId(claimId: string): string {
  if (!UUID.test(claimId)) throw new RangeError(`A claim id is a UUID: ${claimId}`);
  return `${PREFIX}${claimId.toLowerCase()}`;
}

/** The claim id of a claim stream, or null for any other stream. */
export function claimIdOfStream(streamId: string): string | null {
  if (!streamId.startsWith(PREFIX)) return null;
  const claimId = streamId.slice(PREFIX.length);
  return UUID.test(claimId) ? claimId : null;
}
