import type { RequestContext } from '@cabinet/platform/graphql';
import { UuidScalar } from '@cabinet/platform/scalars';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { TranscriptExport } from '../application/transcriptExport.ts';
import type { TranscriptView } from '../application/transcriptReport.ts';
import { TranscriptLink, TranscriptViewEnum } from './transcriptLink.type.ts';

@Resolver()
export class TranscriptResolver {
  constructor(private readonly transcripts: TranscriptExport) {}

  @Mutation(() => TranscriptLink, {
    description:
      'A short-lived signed link to a PDF transcript of a conversation (topic, dates, rating, every message in Moscow time, the insurer’s contacts). The customer gets their own conversation’s CUSTOMER copy; operators any conversation’s, OPERATOR by default.',
  })
  async exportConversationTranscript(
    @Arg('conversationId', () => UuidScalar) conversationId: string,
    @Arg('view', () => TranscriptViewEnum, {
      nullable: true,
      description: 'Which copy; by default the caller’s own (customers may have only CUSTOMER)',
    })
    view: TranscriptView | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<TranscriptLink> {
    return Object.assign(
      new TranscriptLink(),
      await this.transcripts.link(context.principal, conversationId, view ?? null),
    );
  }
}
