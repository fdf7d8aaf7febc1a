import type { Logger } from '@cabinet/platform/logging';
import type { Response } from 'express';
import type { EsiaRejection } from '../esiaErrors.ts';

export const html = (response: Response, status: number, body: string) =>
  response.status(status).type('html').set('cache-control', 'no-store').send(body);

/** A rejection goes into the log with its ESIA code and the parameter it is about. */
export function logRejection(logger: Logger, rejection: EsiaRejection): void {
  logger.warn({
    event: 'esia.rejected',
    esiaCode: `ESIA-${rejection.number}`,
    parameter: rejection.parameter,
  });
}
