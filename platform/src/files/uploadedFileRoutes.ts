import type { Readable } from 'node:stream';
import type { Request, Response, Router } from 'express';
import { contentDisposition } from './contentDisposition.ts';
import { linkTokenOf } from './fileRoutes.ts';

/** What the upload and download routes need of a service's files (`UploadedFiles` or a wrapper of it). */
export interface UploadedFileEndpoints {
  receive(documentId: string, token: string, body: AsyncIterable<Uint8Array>): Promise<object>;
  open(
    documentId: string,
    token: string,
  ): Promise<{ content: Readable; contentType: string; sizeBytes: number; fileName: string | null }>;
}

/**
 * The signed-link routes of uploaded files under `<prefix>/:id`: a PUT stores the file's bytes (201
 * with what was stored), a GET of `<prefix>/:id/content` streams it as a download no cache keeps.
 */
export function serveUploadedFiles(
  files: Router,
  prefix: string,
  endpoints: UploadedFileEndpoints,
  fail: (req: Request, res: Response, error: unknown) => void,
): void {
  files.put(`${prefix}/:documentId`, (req: Request<{ documentId: string }>, res) => {
    endpoints.receive(req.params.documentId, linkTokenOf(req), req).then(
      (content) => res.status(201).json({ documentId: req.params.documentId, ...content }),
      (error: unknown) => fail(req, res, error),
    );
  });
  files.get(`${prefix}/:documentId/content`, (req: Request<{ documentId: string }>, res) => {
    endpoints.open(req.params.documentId, linkTokenOf(req)).then(
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
}
