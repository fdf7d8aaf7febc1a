import { buildFederatedSchema } from '@cabinet/platform/graphql';
import type { GraphQLSchema } from 'graphql';
import { AttachmentResolver } from './attachment/graphql/attachment.resolver.ts';
import { CannedReplyResolver } from './cannedReply/graphql/cannedReply.resolver.ts';
import { ConversationResolver } from './conversation/graphql/conversation.resolver.ts';
import {
  ClaimConversationResolver,
  CustomerConversationsResolver,
  PersonalDataSupportResolver,
  PolicyConversationsResolver,
} from './conversation/graphql/entities.resolver.ts';
import { Claim, Customer, PersonalData, Policy } from './conversation/graphql/entities.ts';
import { SupportQueueResolver } from './conversation/graphql/supportQueue.resolver.ts';
import { ConversationFeedSubscription } from './liveFeed/graphql/conversationFeed.subscription.ts';
import { TranscriptResolver } from './transcript/graphql/transcript.resolver.ts';

export interface SupportResolvers {
  readonly conversation: ConversationResolver;
  readonly queue: SupportQueueResolver;
  readonly customerConversations: CustomerConversationsResolver;
  readonly policyConversations: PolicyConversationsResolver;
  readonly claimConversation: ClaimConversationResolver;
  readonly personalData: PersonalDataSupportResolver;
  readonly feed: ConversationFeedSubscription;
  readonly cannedReplies: CannedReplyResolver;
  readonly transcripts: TranscriptResolver;
  readonly attachments: AttachmentResolver;
}

/** The support subgraph's schema; without resolver instances it serves only to print the SDL. */
export function supportSchema(resolvers?: SupportResolvers): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      ConversationResolver,
      SupportQueueResolver,
      CustomerConversationsResolver,
      PolicyConversationsResolver,
      ClaimConversationResolver,
      PersonalDataSupportResolver,
      ConversationFeedSubscription,
      CannedReplyResolver,
      TranscriptResolver,
      AttachmentResolver,
    ],
    orphanedTypes: [Customer, Policy, Claim, PersonalData],
    instances: resolvers ? Object.values(resolvers) : [],
  });
}
