import type { Router } from 'express';
import type { Logger } from '@cabinet/platform/logging';
import { contentDisposition, fileRouteFailure, linkTokenOf, sendPdf } from '@cabinet/platform/files';
import type { ClaimHistoryExport } from '../../history/application/claimHistoryExport.ts';
import type { DocumentService } from '../application/documentService.ts';

const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  DOCUMENT_TYPE_NOT_ALLOWED: 415,
  DOCUMENT_TOO_LARGE: 413,
  CLAIM_NOT_FOUND: 404,
  DOCUMENT_NOT_FOUND: 404,
  DOCUMENT_ALREADY_UPLOADED: 409,
};

/**
 * The upload, download and claim history endpoints behind the signed links, under the service's
 * `/files` (reached through the gateway's `/files/claims/…`); the token in the link is the only
 * credential a client needs.
 */
export function documentRoutes(
  documents: DocumentService,
  history: ClaimHistoryExport,
  log: Logger,
): (files: Router) => void {
  const fail = fileRouteFailure(STATUS_OF_CODE, log);
  return (files) => {
    files.put('/documents/:documentId', (req, res) => {
      documents.receive(req.params.documentId, linkTokenOf(req), req).then(
        (content) => res.status(201).json({ documentId: req.params.documentId, ...content }),
        (error: unknown) => fail(req, res, error),
      );
    });
    files.get('/documents/:documentId/content', (req, res) => {
      documents.open(req.params.documentId, linkTokenOf(req)).then(
        (file) => {
          res.setHeader('content-type', file.contentType);
          res.setHeader('content-length', String(file.sizeBytes));
          res.setHeader('content-disposition', contentDisposition(file.fileName ?? req.params.documentId));
          res.setHeader('cache-control', 'private, no-store');
          res.setHeader('x-content-type-options', 'nosniff');
          file.content.on('error', (error) => res.destroy(error));
          file.content.pipe(res);
        },
        (error: unknown) => fail(req, res, error),
      );
    });
    files.get('/claim-history/:file', (req, res) => {
      const scope = /^(.+)\.pdf$/.exec(req.params.file)?.[1] ?? '';
      history.render(scope, linkTokenOf(req)).then(
        (file) => sendPdf(res, file),
        (error: unknown) => fail(req, res, error),
      );
    });
  };
}
