import { assertConsentAccepted, CommonErrors, type Principal } from '@cabinet/kernel';
import { assertMayReadClaim } from '../../claim/domain/claimAccess.ts';
import { ClaimErrors } from '../../claim/domain/claimErrors.ts';
import type { ClaimCard } from '../../claim/storage/claimCard.ts';
import type { ClaimCardReader } from '../../claim/storage/claimCardReader.ts';
import type { ClaimSummaryRepository } from '../../claim/storage/claimSummaryRepository.ts';
import type { ClaimsLinkSigner } from '../../documents/application/linkGrants.ts';
import { renderClaimHistoryPdf } from './claimHistoryPdf.ts';
import { claimHistorySection, type ClaimHistoryReport } from './claimHistoryReport.ts';
import { formatMoscowDateTime } from '@cabinet/platform/pdf';
import { FileErrors, type PublicLinks } from '@cabinet/platform/files';

/** Long enough to save the file, too short to be worth passing on. */
export const CLAIM_HISTORY_LINK_TTL_MS = 5 * 60_000;
/** A report of all claims stops here, newest first, and says how many it left out. */
export const MAX_CLAIMS_IN_REPORT = 100;
/** The path segment of a report of every claim of the customer (claim ids are UUIDs, never this). */
export const ALL_CLAIMS_SCOPE = 'all';

export interface ClaimHistoryLink {
  readonly url: string;
  readonly expiresAt: Date;
}

export interface ClaimHistoryFile {
  readonly pdf: Buffer;
  readonly fileName: string;
}

/**
 * «Сохранить отчет»: a signed, short-lived link to a PDF of one claim's history or of all the
 * customer's claims. The link is issued only to whoever may read the claims (the customer, staff);
 * the grant inside it names the customer and the claim, so it opens nothing else.
 */
export class ClaimHistoryExport {
  constructor(
    private readonly cards: ClaimCardReader,
    private readonly summaries: ClaimSummaryRepository,
    private readonly signer: ClaimsLinkSigner,
    private readonly links: PublicLinks,
    private readonly now: () => Date,
  ) {}

  /** One claim the caller may read, or (claimId null) every claim of the calling customer. */
  async link(principal: Principal, claimId: string | null): Promise<ClaimHistoryLink> {
    const customerId =
      claimId === null ? this.customerAskingForAll(principal) : await this.ownerOf(principal, claimId);
    const expiresAt = new Date(this.now().getTime() + CLAIM_HISTORY_LINK_TTL_MS);
    const token = this.signer.sign({
      purpose: 'history',
      customerId,
      claimId,
      expiresAt: expiresAt.getTime(),
    });
    const scope = encodeURIComponent(claimId ?? ALL_CLAIMS_SCOPE);
    return { url: this.links.url(`/claim-history/${scope}.pdf`, token), expiresAt };
  }

  /** The report behind a link: the token must be genuine, unexpired, and issued for exactly this scope. */
  async render(scope: string, token: string): Promise<ClaimHistoryFile> {
    const grant = this.signer.verify(token, 'history', this.now());
    if ((grant.claimId ?? ALL_CLAIMS_SCOPE) !== scope) throw FileErrors.linkInvalid();
    if (grant.claimId !== null) {
      const card = await this.cards.latest(grant.claimId);
      if (!card || card.customerId !== grant.customerId) throw ClaimErrors.notFound(grant.claimId);
      return {
        pdf: await this.pdfOf(`История заявления № ${card.claim.claimNumber}`, [card], 0),
        fileName: `Заявление ${card.claim.claimNumber}.pdf`,
      };
    }
    const { page, totalCount } = await this.summaries.ofCustomer({
      customerId: grant.customerId,
      first: MAX_CLAIMS_IN_REPORT,
    });
    const cards = await Promise.all(page.items.map(({ id }) => this.cards.latest(id)));
    const own = cards.filter((card): card is ClaimCard => card?.customerId === grant.customerId);
    return {
      pdf: await this.pdfOf('История заявлений', own, totalCount - page.items.length),
      fileName: 'Заявления.pdf',
    };
  }

  private customerAskingForAll(principal: Principal): string {
    if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
    if (principal.kind === 'partner') throw CommonErrors.forbidden();
    if (principal.kind === 'staff') {
      throw CommonErrors.badInput(
        'claimId',
        'Укажите заявление: отчёт по всем заявлениям формирует сам клиент.',
      );
    }
    assertConsentAccepted(principal);
    return principal.customerId;
  }

  private async ownerOf(principal: Principal, claimId: string): Promise<string> {
    const card = await this.cards.latest(claimId);
    return assertMayReadClaim(
      principal,
      card && {
        claimId,
        customerId: card.customerId,
        soldByPartnerId: card.claim.policy.soldByPartnerId,
      },
      claimId,
    ).customerId;
  }

  private async pdfOf(title: string, cards: readonly ClaimCard[], omitted: number): Promise<Buffer> {
    const sections = await Promise.all(
      cards.map(async (card) => claimHistorySection(card, await this.cards.open(card))),
    );
    const report: ClaimHistoryReport = {
      title,
      generatedAt: formatMoscowDateTime(this.now()),
      sections,
      omitted,
    };
    return renderClaimHistoryPdf(report);
  }
}
