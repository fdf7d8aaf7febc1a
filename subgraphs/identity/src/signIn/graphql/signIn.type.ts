import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where to send the browser to sign in through Gosuslugi' })
export class GosuslugiSignInStart {
  @Field(() => ID, { description: 'Pass back to `completeGosuslugiSignIn`' })
  attemptId!: string;

  @Field(() => String)
  authorizationUrl!: string;

  @Field(() => Date)
  expiresAt!: Date;
}
