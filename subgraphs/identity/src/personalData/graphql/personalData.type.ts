import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { ConsentType } from '../../consent/graphql/consent.type.ts';
import { Session } from '../../session/graphql/session.type.ts';

@ObjectType('Passport')
export class PassportType {
  @Field(() => String)
  series!: string;

  @Field(() => String)
  number!: string;

  @Field(() => String, { nullable: true })
  issueDate!: string | null;

  @Field(() => String, { nullable: true })
  divisionCode!: string | null;

  @Field(() => String, { nullable: true })
  issuedBy!: string | null;
}

/** An entity so that the other services add what they hold about the customer (support adds its part). */
@ObjectType({
  description:
    'Everything identity holds about the customer («полная выписка», 152-ФЗ art. 14), with what the other services add',
})
@Directive('@key(fields: "customerId")')
export class PersonalData {
  @Field(() => String)
  customerId!: string;

  @Field(() => String)
  lastName!: string;

  @Field(() => String)
  firstName!: string;

  @Field(() => String, { nullable: true })
  middleName!: string | null;

  @Field(() => String)
  birthDate!: string;

  @Field(() => String, { nullable: true })
  gender!: string | null;

  @Field(() => String, { nullable: true })
  snils!: string | null;

  @Field(() => String, { nullable: true })
  inn!: string | null;

  @Field(() => PassportType, { nullable: true })
  passport!: PassportType | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  registrationAddress!: string | null;

  @Field(() => String, { nullable: true, description: 'The linked Gosuslugi account (oid)' })
  esiaOid!: string | null;

  @Field(() => Boolean, { nullable: true })
  esiaTrusted!: boolean | null;

  @Field(() => String, { nullable: true })
  consentVersion!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => [ConsentType])
  consents!: ConsentType[];

  @Field(() => [Session])
  sessions!: Session[];

  @Field(() => Int, { description: 'Entries in the activity log (page through them with myActivity)' })
  activityCount!: number;
}
