import type { Router } from 'express';
import type { Logger } from '@cabinet/platform/logging';
import { fileRouteFailure, linkTokenOf, sendPdf, serveUploadedFiles } from '@cabinet/platform/files';
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
    serveUploadedFiles(files, '/documents', documents, fail);
    files.get('/claim-history/:file', (req, res) => {
      const scope = /^(.+)\.pdf$/.exec(req.params.file)?.[1] ?? '';
      history.render(scope, linkTokenOf(req)).then(
        (file) => sendPdf(res, file),
        (error: unknown) => fail(req, res, error),
      );
    });
  };
}
