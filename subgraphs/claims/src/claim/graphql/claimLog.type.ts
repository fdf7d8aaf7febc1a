import { PageInfo } from '@cabinet/platform/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A claim event for analysts: everything but the personal data' })
export class ClaimLogEvent {
  @Field(() => String, { description: 'The event’s position in the log; pass it as `after` to continue' })
  cursor!: string;

  @Field(() => ID)
  eventId!: string;

  @Field(() => ID)
  claimId!: string;

  @Field(() => String)
  type!: string;

  @Field(() => Int, { description: 'Position within the claim’s own stream, from 0' })
  revision!: number;

  @Field(() => Date, { description: 'Business time of the fact' })
  occurredAt!: Date;

  @Field(() => Date, { description: 'When the log recorded it' })
  recordedAt!: Date;

  @Field(() => String, { description: '`customer:<id>` or `staff:<id>`' })
  actor!: string;

  @Field(() => String, {
    description: 'The request that recorded the event: events of one request share it (the `x-request-id`)',
  })
  correlationId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'What caused the event: the id of the command that recorded it (a retry of a command, with the same idempotency key, has the same id); null for events recorded before commands had ids',
  })
  causationId!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'The event’s data without its personal part' })
  data!: Record<string, unknown>;
}

@ObjectType()
export class ClaimLogPage {
  @Field(() => [ClaimLogEvent])
  nodes!: ClaimLogEvent[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
