import type { Request, Response } from 'express';
import { isDomainError } from '@cabinet/kernel';
import type { Logger } from '../logging/logger.ts';
import { contentDisposition } from './contentDisposition.ts';

const LINK_STATUS_OF_CODE: Readonly<Record<string, number>> = {
  DOCUMENT_LINK_INVALID: 403,
  DOCUMENT_LINK_EXPIRED: 403,
};

/** The token a signed link carries in its query, or '' (which no signer accepts). */
export function linkTokenOf(req: Request): string {
  return typeof req.query['token'] === 'string' ? req.query['token'] : '';
}

/** A generated PDF as a download that no cache keeps. */
export function sendPdf(res: Response, file: { readonly pdf: Buffer; readonly fileName: string }): void {
  res.setHeader('content-type', 'application/pdf');
  res.setHeader('content-disposition', contentDisposition(file.fileName));
  res.setHeader('cache-control', 'private, no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.status(200).end(file.pdf);
}

/**
 * How a file route answers a failure: a domain error as JSON with its code, at the status given for it
 * (403 for a bad or expired link, 400 otherwise); anything else as a logged 500.
 */
export function fileRouteFailure(
  statusOfCode: Readonly<Record<string, number>>,
  log: Logger,
): (req: Request, res: Response, error: unknown) => void {
  return (req, res, error) => {
    if (isDomainError(error)) {
      // The rest of a refused upload is not read: close the connection instead of draining it.
      res.setHeader('connection', 'close');
      res
        .status(statusOfCode[error.code] ?? LINK_STATUS_OF_CODE[error.code] ?? 400)
        .json({ error: { code: error.code, message: error.message, ...error.details } });
      return;
    }
    log.error({ err: error, path: req.path }, 'file route failed');
    res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Внутренняя ошибка сервиса.' } });
  };
}
