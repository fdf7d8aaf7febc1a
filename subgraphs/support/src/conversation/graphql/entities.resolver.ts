import { pageSize, type RequestContext } from '@cabinet/platform/graphql';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { SupportService } from '../application/supportService.ts';
import { Conversation, ConversationConnection } from './conversation.type.ts';
import { Claim, Customer, PersonalData, Policy } from './entities.ts';
import { toConversation } from './toConversation.ts';

type Listed = Awaited<ReturnType<SupportService['mine']>>;

const connectionOf = (list: Listed): ConversationConnection => ({
  nodes: list.views.map(toConversation),
  pageInfo: { hasNextPage: list.hasNextPage, endCursor: list.endCursor },
  totalCount: list.totalCount,
});

@Resolver(() => Customer)
export class CustomerConversationsResolver {
  constructor(private readonly support: SupportService) {}

  @FieldResolver(() => ConversationConnection, {
    nullable: true,
    description:
      'The customer’s support conversations, latest first. Null (with an error) when support is unavailable, so the rest of the customer still answers.',
  })
  async conversations(
    @Root() customer: Customer,
    @Ctx() context: RequestContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ConversationConnection> {
    return connectionOf(
      await this.support.ofCustomer(context, customer.id, {
        first: pageSize(first),
        after: after ?? undefined,
      }),
    );
  }
}

@Resolver(() => Policy)
export class PolicyConversationsResolver {
  constructor(private readonly support: SupportService) {}

  @FieldResolver(() => ConversationConnection, {
    nullable: true,
    description: 'Support conversations about the policy (a customer sees their own), latest first',
  })
  async conversations(
    @Root() policy: Policy,
    @Ctx() context: RequestContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ConversationConnection> {
    return connectionOf(
      await this.support.about(context, policy.id, { first: pageSize(first), after: after ?? undefined }),
    );
  }
}

@Resolver(() => Claim)
export class ClaimConversationResolver {
  constructor(private readonly support: SupportService) {}

  @FieldResolver(() => Conversation, {
    nullable: true,
    description: 'The latest support conversation about the claim, if any (a customer sees their own)',
  })
  async conversation(@Root() claim: Claim, @Ctx() context: RequestContext): Promise<Conversation | null> {
    const list = await this.support.about(context, claim.id, { first: 1 });
    const latest = list.views[0];
    return latest ? toConversation(latest) : null;
  }
}

/** What support tells a customer it holds about them (152-ФЗ art. 14), in their own words. */
export const SUPPORT_DATA_HELD =
  'Обращения в поддержку: тема, полис или заявление, о котором обращение, статус, время и авторы сообщений, ' +
  'отметки о прочтении и оценка, уведомления о непрочитанных ответах (без их текста). Тексты ваших сообщений, ' +
  'ответов и заметок операторов, комментарий к оценке и подтверждённый на Госуслугах адрес электронной почты, ' +
  'на который приходят уведомления, с именем, по которому к вам в них обращаются, хранятся зашифрованными ' +
  'вашим ключом: при отзыве согласия ключ уничтожается, тексты, адрес и имя становятся нечитаемыми, а ' +
  'остальное остаётся для статистики.';

@Resolver(() => PersonalData)
export class PersonalDataSupportResolver {
  constructor(private readonly support: SupportService) {}

  // Nullable: when support cannot answer, identity's part of the personal data still reaches the customer.
  @FieldResolver(() => String, {
    nullable: true,
    description: 'What support holds about the customer, in Russian',
  })
  supportDataHeld(): string {
    return SUPPORT_DATA_HELD;
  }

  @FieldResolver(() => ConversationConnection, {
    nullable: true,
    description:
      'The customer’s support conversations as they see them, latest first. Null (with an error) when support is unavailable.',
  })
  async supportConversations(
    @Root() personalData: PersonalData,
    @Ctx() context: RequestContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ConversationConnection> {
    return connectionOf(
      await this.support.ofCustomer(context, personalData.customerId, {
        first: pageSize(first),
        after: after ?? undefined,
      }),
    );
  }
}
