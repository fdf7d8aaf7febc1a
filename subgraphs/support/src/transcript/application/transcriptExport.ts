import { CommonErrors, isUuid, type Principal } from '@cabinet/kernel';
import type { EventStore } from '@cabinet/platform/eventstore';
import { FileErrors, type PublicLinks } from '@cabinet/platform/files';
import { loadConversation } from '../../conversation/application/conversationCommandHandler.ts';
import { conversationEventOf } from '../../conversation/application/conversationEventCodec.ts';
import { supportActorFor } from '../../conversation/application/supportService.ts';
import { ConversationErrors } from '../../conversation/domain/conversationErrors.ts';
import { conversationStreamId } from '../../conversation/domain/conversationStreamId.ts';
import { renderTranscriptPdf } from './transcriptPdf.ts';
import { conversationTranscript, type TranscriptView } from './transcriptReport.ts';

/** Long enough to save the file, too short to be worth passing on (as claim histories). */
export const TRANSCRIPT_LINK_TTL_MS = 5 * 60_000;

/** What a transcript link allows: one copy of one conversation's transcript. */
export interface TranscriptGrant {
  readonly purpose: 'transcript';
  readonly conversationId: string;
  readonly view: TranscriptView;
  readonly expiresAt: number;
}

/** The part of support's `LinkSigner` transcripts need (it signs attachments' links too). */
export interface TranscriptSigner {
  sign(grant: TranscriptGrant): string;
  verify(token: string, purpose: 'transcript', now: Date): TranscriptGrant;
}

export interface TranscriptLink {
  readonly url: string;
  readonly expiresAt: Date;
}

export interface TranscriptFile {
  readonly pdf: Buffer;
  readonly fileName: string;
}

/** The path of a conversation's transcript behind a signed link. */
export const transcriptPath = (conversationId: string) =>
  `/conversation-transcripts/${encodeURIComponent(conversationId)}.pdf`;

/**
 * A conversation's transcript as a PDF behind a signed, short-lived link: the customer's copy for the
 * customer (their own conversations only), support's copy with internal notes for operators, who may
 * ask for the customer's copy too. The link's grant names the conversation and the copy, nothing else.
 */
export class TranscriptExport {
  constructor(
    private readonly events: EventStore,
    private readonly signer: TranscriptSigner,
    private readonly links: PublicLinks,
    private readonly now: () => Date,
  ) {}

  async link(
    principal: Principal,
    conversationId: string,
    asked: TranscriptView | null,
  ): Promise<TranscriptLink> {
    const actor = supportActorFor(principal);
    // An adjuster pulled into a conversation takes part in it, but its record stays with support.
    if (actor.kind === 'adjuster') throw CommonErrors.forbidden();
    // Its opening event names its customer: the only part of the stream needed to decide.
    const [opening] = isUuid(conversationId)
      ? await this.events.read(conversationStreamId(conversationId), { maxCount: 1 })
      : [];
    const owner = opening && conversationEventOf(opening);
    if (
      owner?.type !== 'ConversationOpened' ||
      (actor.kind === 'customer' && owner.data.customerId !== actor.customerId)
    )
      throw ConversationErrors.notFound();
    const view = asked ?? (actor.kind === 'customer' ? 'CUSTOMER' : 'OPERATOR');
    if (view === 'OPERATOR' && actor.kind === 'customer') throw CommonErrors.forbidden();
    const expiresAt = new Date(this.now().getTime() + TRANSCRIPT_LINK_TTL_MS);
    const token = this.signer.sign({
      purpose: 'transcript',
      conversationId,
      view,
      expiresAt: expiresAt.getTime(),
    });
    return { url: this.links.url(transcriptPath(conversationId), token), expiresAt };
  }

  /** The transcript behind a link: the token must be genuine, unexpired and issued for this conversation. */
  async render(conversationId: string, token: string): Promise<TranscriptFile> {
    const grant = this.signer.verify(token, 'transcript', this.now());
    if (grant.conversationId !== conversationId) throw FileErrors.linkInvalid();
    const { history } = await loadConversation(this.events, conversationId);
    if (history.length === 0) throw ConversationErrors.notFound();
    const report = conversationTranscript(history.map(conversationEventOf), grant.view, this.now());
    return {
      pdf: await renderTranscriptPdf(report),
      fileName:
        grant.view === 'OPERATOR'
          ? `Обращение ${conversationId} (служебная копия).pdf`
          : `Обращение ${conversationId}.pdf`,
    };
  }
}
