import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A canned reply: a title (1–100 characters) and its text (1–4 000)' })
export class CannedReplyInput {
  @Field(() => String)
  title!: string;

  @Field(() => String)
  text!: string;
}
