import type { RequestContext } from '@cabinet/platform/graphql';
import { idempotencyKeyOf } from '@cabinet/platform/graphql';
import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { SupportMessage } from '../../conversation/graphql/conversation.type.ts';
import type { AttachmentService } from '../application/attachmentService.ts';
import { SupportAttachmentUpload } from './attachmentUpload.type.ts';
import { SupportMessageAttachment } from './messageAttachment.type.ts';

/** Uploading files for support messages, and the signed links to the files of the messages one sees. */
@Resolver(() => SupportMessage)
export class AttachmentResolver {
  constructor(private readonly files: AttachmentService) {}

  @Mutation(() => SupportAttachmentUpload, {
    description:
      'Customer or operator: announce a file (PDF, JPEG, PNG or HEIC, at most 20 MB) and get a signed link to PUT it to; then attach it to a message. Retrying with the same key gives the same attachment.',
  })
  async requestSupportAttachmentUpload(
    @Arg('fileName', () => String) fileName: string,
    @Arg('contentType', () => String) contentType: string,
    @Arg('size', () => Int, { description: 'Bytes' }) size: number,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Ctx() context: RequestContext,
  ): Promise<SupportAttachmentUpload> {
    const ticket = await this.files.requestUpload(
      context,
      { fileName, contentType, size },
      idempotencyKeyOf(idempotencyKey),
    );
    return Object.assign(new SupportAttachmentUpload(), {
      attachmentId: ticket.documentId,
      uploadUrl: ticket.uploadUrl,
      expiresAt: ticket.expiresAt,
    });
  }

  @FieldResolver(() => [SupportMessageAttachment], {
    description:
      'The files attached to the message, with short-lived download links (a conversation’s `lastMessage` lists none: read its `messages`)',
  })
  attachments(@Root() message: SupportMessage): SupportMessageAttachment[] {
    return message.attachedFiles.map((file) => {
      const link = this.files.downloadLink(file.attachmentId);
      return Object.assign(new SupportMessageAttachment(), {
        id: file.attachmentId,
        fileName: file.fileName,
        contentType: file.contentType,
        sizeBytes: file.sizeBytes,
        downloadUrl: link.url,
        expiresAt: link.expiresAt,
      });
    });
  }
}
