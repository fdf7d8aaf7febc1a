import { randomUUID } from 'node:crypto';

/** The header that carries one request id from the gateway through every subgraph call. */
export const REQUEST_ID_HEADER = 'x-request-id';

const acceptable = /^[A-Za-z0-9._:-]{8,128}$/;

/** Reuses the caller's id when it is well-formed, so one id follows a request across services. */
export function requestIdFrom(header: string | string[] | undefined | null): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && acceptable.test(value) ? value : randomUUID();
}
