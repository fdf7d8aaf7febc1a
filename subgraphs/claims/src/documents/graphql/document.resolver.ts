import { UuidScalar } from '@cabinet/platform/scalars';
import { CommonErrors, type Principal } from '@cabinet/kernel';
import {
  commandEnvelopeOf,
  idempotencyKeyOf,
  IDEMPOTENCY_KEY_ARGUMENT,
  type RequestContext,
} from '@cabinet/platform/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Mutation, Resolver } from 'type-graphql';
import type { ClaimService } from '../../claim/application/claimService.ts';
import { Claim } from '../../claim/graphql/claim.type.ts';
import { toClaim } from '../../claim/graphql/toClaim.ts';
import { DocumentUpload } from './documentUpload.type.ts';
import type { DocumentService } from '../application/documentService.ts';

/** Documents belong to customers: only they upload and attach them. */
function customerOf(principal: Principal): Extract<Principal, { kind: 'customer' }> {
  if (principal.kind === 'anonymous') throw CommonErrors.unauthenticated();
  if (principal.kind !== 'customer') throw CommonErrors.forbidden();
  return principal;
}

@Resolver()
export class DocumentResolver {
  constructor(
    private readonly documents: DocumentService,
    private readonly claims: ClaimService,
    private readonly now: () => Date,
  ) {}

  @Mutation(() => DocumentUpload, {
    description:
      'Customer: announce a file (PDF, JPEG, PNG or HEIC, at most 20 MB) and get a signed link to PUT it to. Retrying with the same key gives the same document.',
  })
  async requestDocumentUpload(
    @Arg('fileName', () => String) fileName: string,
    @Arg('contentType', () => String) contentType: string,
    @Arg('size', () => Int, { description: 'Bytes' }) size: number,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Ctx() context: RequestContext,
  ): Promise<DocumentUpload> {
    const { customerId } = customerOf(context.principal);
    const ticket = await this.documents.requestUpload(
      customerId,
      { fileName, contentType, size },
      idempotencyKeyOf(idempotencyKey),
    );
    return Object.assign(new DocumentUpload(), ticket);
  }

  @Mutation(() => Claim, {
    description: 'Customer: attach uploaded documents to the claim (answers a document request)',
  })
  async provideClaimDocuments(
    @Arg('id', () => UuidScalar) id: string,
    @Arg('documentIds', () => [UuidScalar]) documentIds: string[],
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARGUMENT) idempotencyKey: string | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Claim> {
    const { customerId } = customerOf(context.principal);
    const envelope = commandEnvelopeOf(context, info, idempotencyKey);
    const documents = await this.documents.attachable(customerId, documentIds);
    const view = await this.claims.act(context, id, envelope, 'ProvideClaimDocuments', { documents });
    return toClaim(view.state, view, this.now());
  }
}
