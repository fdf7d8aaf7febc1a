import type { Router } from 'express';
import { fileRouteFailure, serveUploadedFiles } from '@cabinet/platform/files';
import type { Logger } from '@cabinet/platform/logging';
import type { AttachmentService } from '../application/attachmentService.ts';

const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  DOCUMENT_TYPE_NOT_ALLOWED: 415,
  DOCUMENT_TOO_LARGE: 413,
  SUPPORT_ATTACHMENT_NOT_FOUND: 404,
  SUPPORT_ATTACHMENT_ALREADY_UPLOADED: 409,
};

/**
 * The upload and download endpoints of message attachments behind their signed links, under the
 * service's `/files` (reached through the gateway's `/files/support/attachments/…`).
 */
export function attachmentRoutes(attachments: AttachmentService, log: Logger): (files: Router) => void {
  const fail = fileRouteFailure(STATUS_OF_CODE, log);
  return (files) => serveUploadedFiles(files, '/attachments', attachments.files, fail);
}
