import type { Router } from 'express';
import { fileRouteFailure, linkTokenOf, sendPdf } from '@cabinet/platform/files';
import type { Logger } from '@cabinet/platform/logging';
import type { TranscriptExport } from '../application/transcriptExport.ts';

/**
 * The transcript PDF behind its signed link, under the service's `/files` (reached through the gateway's
 * `/files/support/…`); the token in the link is the only credential.
 */
export function transcriptRoutes(transcripts: TranscriptExport, log: Logger): (files: Router) => void {
  const fail = fileRouteFailure({ CONVERSATION_NOT_FOUND: 404 }, log);
  return (files) => {
    files.get('/conversation-transcripts/:file', (req, res) => {
      const conversationId = /^(.+)\.pdf$/.exec(req.params.file)?.[1] ?? '';
      transcripts.render(conversationId, linkTokenOf(req)).then(
        (file) => sendPdf(res, file),
        (error: unknown) => fail(req, res, error),
      );
    });
  };
}
