import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A ready answer operators insert into a reply; supervisors keep the list' })
export class CannedReply {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  text!: string;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => ID, { description: 'The supervisor who last changed it' })
  updatedBy!: string;
}
