import { CommonErrors } from '@cabinet/kernel';
import {
  UploadedFiles,
  type AnnouncedFile,
  type UploadedFileStores,
  type UploadTicket,
} from '@cabinet/platform/files';
import type { RequestContext } from '@cabinet/platform/graphql';
import { supportActorFor } from '../../conversation/application/supportService.ts';
import type { MessageAttachment } from '../../conversation/domain/conversationEvents.ts';
import { assertAttachmentCount } from '../../conversation/domain/messageAttachments.ts';
import { AttachmentErrors } from '../domain/attachmentErrors.ts';

/** Namespace of attachment ids derived from an uploader's idempotency key. */
const ATTACHMENT_ID_NAMESPACE = '4f1d8a3c-7b2e-4c9a-9e5f-3a6b0c8d2e71';

const ATTACHMENT_FILES = {
  pathOf: (attachmentId: string) => `/attachments/${attachmentId}`,
  idNamespace: ATTACHMENT_ID_NAMESPACE,
  errors: AttachmentErrors,
};

/**
 * Files for support messages, on the platform's signed-upload path (the same as claims' documents):
 * customers and operators upload their own, then attach them to the messages they write.
 */
export class AttachmentService {
  readonly files: UploadedFiles;

  constructor(stores: UploadedFileStores) {
    this.files = new UploadedFiles({ ...stores, ...ATTACHMENT_FILES });
  }

  /** A customer or an operator announces a file; a customer's file name is sealed with their key. */
  requestUpload(context: RequestContext, file: AnnouncedFile, idempotencyKey: string): Promise<UploadTicket> {
    const actor = supportActorFor(context.principal);
    if (actor.kind === 'adjuster') throw CommonErrors.forbidden();
    const uploader =
      actor.kind === 'customer'
        ? ({ kind: 'customer', id: actor.customerId } as const)
        : ({ kind: 'staff', id: actor.staffId } as const);
    return this.files.requestUpload(uploader, file, idempotencyKey);
  }

  /**
   * The caller's own uploaded files, to record on the message they write: at most five, each uploaded
   * already (SUPPORT_ATTACHMENT_NOT_UPLOADED); anyone else's is SUPPORT_ATTACHMENT_NOT_FOUND.
   */
  async attachable(context: RequestContext, attachmentIds: readonly string[]): Promise<MessageAttachment[]> {
    if (attachmentIds.length === 0) return [];
    const actor = supportActorFor(context.principal);
    assertAttachmentCount(new Set(attachmentIds).size);
    const uploaderId = actor.kind === 'customer' ? actor.customerId : actor.staffId;
    const uploaded = await this.files.uploadedBy(uploaderId, attachmentIds);
    return uploaded.map(({ documentId, fileName, ...content }) => ({
      attachmentId: documentId,
      ...content,
      fileName,
    }));
  }

  /** A short-lived link to an attachment's content; callers check first that the reader sees the message. */
  downloadLink(attachmentId: string): { url: string; expiresAt: Date } {
    return this.files.downloadLink(attachmentId);
  }

  /** After consent is revoked: the names of the customer's uploaded files are dropped. */
  eraseNamesOf(customerId: string): Promise<number> {
    return this.files.eraseNamesOf(customerId);
  }
}
