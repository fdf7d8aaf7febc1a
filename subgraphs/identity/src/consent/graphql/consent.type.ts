import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AccessToken } from '../../session/graphql/session.type.ts';

export enum ConsentActionType {
  ACCEPTED = 'ACCEPTED',
  REVOKED = 'REVOKED',
}
registerEnumType(ConsentActionType, { name: 'ConsentAction' });

@ObjectType({
  description: 'The consent to personal data processing (152-ФЗ art. 9), in the version in force',
})
export class ConsentDocumentType {
  @Field(() => String)
  version!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  operator!: string;

  @Field(() => [String])
  purposes!: string[];

  @Field(() => [String])
  dataCategories!: string[];

  @Field(() => [String])
  recipients!: string[];

  @Field(() => String)
  actions!: string;

  @Field(() => String)
  term!: string;

  @Field(() => String, { description: 'How to revoke the consent' })
  revocation!: string;
}

@ObjectType('Consent', { description: 'One acceptance or revocation of the consent' })
export class ConsentType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  version!: string;

  @Field(() => ConsentActionType)
  action!: ConsentActionType;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { nullable: true })
  ip!: string | null;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;
}

@ObjectType()
export class ConsentAcceptance {
  @Field(() => ConsentType)
  consent!: ConsentType;

  @Field(() => AccessToken, { description: 'Use it from now on: it carries the accepted version' })
  access!: AccessToken;
}

@ObjectType()
export class ConsentRevocation {
  @Field(() => Date)
  revokedAt!: Date;

  @Field(() => Date, { description: 'Personal data is erased by then (30 days at most)' })
  erasureDueBy!: Date;

  @Field(() => String, { description: 'Open it to end the Gosuslugi session too' })
  esiaLogoutUrl!: string;
}
