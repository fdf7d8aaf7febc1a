import { Connection } from '@cabinet/platform/graphql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum ActivityOutcomeType {
  SUCCESS = 'SUCCESS',
  FAILURE = 'FAILURE',
}
registerEnumType(ActivityOutcomeType, { name: 'ActivityOutcome' });

@ObjectType({
  description: 'One recorded action: sign-in, refresh, sign-out, consent change, a mutation elsewhere',
})
export class ActivityEntryType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    description: 'SIGN_IN, SESSION_REFRESHED, SIGN_OUT, CONSENT_ACCEPTED, CLAIM_SUBMITTED, …',
  })
  action!: string;

  @Field(() => ActivityOutcomeType)
  outcome!: ActivityOutcomeType;

  @Field(() => String, { description: 'customer:<id>, staff:<id>, system:<job> or anonymous' })
  actor!: string;

  @Field(() => String)
  service!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { nullable: true })
  ip!: string | null;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;

  @Field(() => String, { nullable: true })
  errorCode!: string | null;

  @Field(() => String, { nullable: true, description: 'ESIA-0070xx when Gosuslugi reported an error' })
  esiaCode!: string | null;

  @Field(() => String, { description: 'Non-personal facts as a JSON object' })
  details!: string;
}

@ObjectType('ActivityConnection')
export class ActivityConnection extends Connection(ActivityEntryType) {}
