import { UuidScalar } from '@cabinet/platform/scalars';
import { CommonErrors } from '@cabinet/kernel';
import type { RequestContext } from '@cabinet/platform/graphql';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { DocumentService } from '../../documents/application/documentService.ts';
import { assertMayReadClaim } from '../domain/claimAccess.ts';
import { claimDeadlines } from '../domain/claimDeadlines.ts';
import type { ClaimCard } from '../storage/claimCard.ts';
import type { ClaimCardReader, OpenedPersonalData } from '../storage/claimCardReader.ts';
import { actorLabelOf, timelineDetailsOf } from '../storage/claimTimelineText.ts';
import { Claim, ClaimDeadline } from './claim.type.ts';
import { ClaimComment, ClaimDocumentFile, ClaimTimelineEntry } from './claimCard.type.ts';
import { toClaim } from './toClaim.ts';

interface OpenedCard {
  readonly card: ClaimCard;
  readonly personal: OpenedPersonalData;
}

/**
 * The claim card's detail fields. A Claim reaching them was already authorised (its customer or
 * staff), who are exactly the people entitled to the decrypted personal data.
 */
@Resolver(() => Claim)
export class ClaimCardResolver {
  /** Cards by the Claim object they belong to, so one request opens each card once. */
  private readonly opened = new WeakMap<Claim, Promise<OpenedCard>>();

  constructor(
    private readonly cards: ClaimCardReader,
    private readonly documentLinks: DocumentService,
  ) {}

  @Query(() => Claim, {
    description:
      'The claim exactly as it was at `at`: only the events recorded up to then are folded. Customer or staff.',
  })
  async claimAsOf(
    @Arg('id', () => UuidScalar) id: string,
    @Arg('at', () => Date) at: Date,
    @Ctx() context: RequestContext,
  ): Promise<Claim> {
    const card = await this.cards.asOf(id, at);
    assertMayReadClaim(
      context.principal,
      card && {
        claimId: card.claimId,
        customerId: card.customerId,
        soldByPartnerId: card.claim.policy.soldByPartnerId,
      },
      id,
    );
    if (!card) throw CommonErrors.internal();
    const claim = toClaim(card.claim, card, at);
    this.opened.set(claim, this.open(card));
    return claim;
  }

  @FieldResolver(() => [ClaimTimelineEntry], { description: 'Every event of the claim, oldest first' })
  async timeline(@Root() claim: Claim, @Ctx() context: RequestContext): Promise<ClaimTimelineEntry[]> {
    const { card, personal } = await this.cardOf(claim, context);
    return card.timeline.map((entry, index) => {
      const plain = personal[index];
      return Object.assign(new ClaimTimelineEntry(), {
        at: new Date(entry.at),
        actor: entry.actor,
        actorLabel: actorLabelOf(entry.actor),
        type: entry.type,
        what: entry.what,
        details: plain ? timelineDetailsOf(entry, plain) : null,
        statusBefore: entry.statusBefore,
        statusAfter: entry.statusAfter,
      });
    });
  }

  @FieldResolver(() => [ClaimComment], { description: 'Comments of both sides, oldest first' })
  async comments(@Root() claim: Claim, @Ctx() context: RequestContext): Promise<ClaimComment[]> {
    const { card, personal } = await this.cardOf(claim, context);
    return card.comments.map((comment) => {
      const text = personal[comment.entry]?.['text'];
      return Object.assign(new ClaimComment(), {
        id: comment.commentId,
        at: new Date(comment.at),
        authorKind: comment.author.kind,
        authorId: comment.author.id,
        text: typeof text === 'string' ? text : null,
      });
    });
  }

  @FieldResolver(() => [ClaimDocumentFile], { description: 'Files attached on submission and later' })
  async documents(@Root() claim: Claim, @Ctx() context: RequestContext): Promise<ClaimDocumentFile[]> {
    const { card, personal } = await this.cardOf(claim, context);
    return card.documents.map((document) => {
      const names = personal[document.entry]?.['documentNames'];
      const named = Array.isArray(names)
        ? (names as { documentId: string; fileName: string }[]).find(
            (name) => name.documentId === document.documentId,
          )
        : undefined;
      const link = this.documentLinks.downloadLink(document.documentId);
      return Object.assign(new ClaimDocumentFile(), {
        id: document.documentId,
        fileName: named?.fileName ?? null,
        contentType: document.contentType,
        sizeBytes: document.sizeBytes,
        sha256: document.sha256,
        providedAt: new Date(document.providedAt),
        downloadUrl: link.url,
        downloadUrlExpiresAt: link.expiresAt,
      });
    });
  }

  @FieldResolver(() => [ClaimDeadline], { description: "The insurer's running deadlines, earliest first" })
  async deadlines(@Root() claim: Claim, @Ctx() context: RequestContext): Promise<ClaimDeadline[]> {
    const { card } = await this.cardOf(claim, context);
    return claimDeadlines(card.claim).map((deadline) => Object.assign(new ClaimDeadline(), deadline));
  }

  private cardOf(claim: Claim, context: RequestContext): Promise<OpenedCard> {
    const { principal } = context;
    if (principal.kind !== 'customer' && principal.kind !== 'staff') throw CommonErrors.forbidden();
    let opened = this.opened.get(claim);
    if (!opened) {
      opened = this.cards.current(claim.id, claim.cursor).then((card) => {
        if (!card) throw CommonErrors.internal();
        return this.open(card);
      });
      this.opened.set(claim, opened);
    }
    return opened;
  }

  private async open(card: ClaimCard): Promise<OpenedCard> {
    return { card, personal: await this.cards.open(card) };
  }
}
