import {
  CalendarDateScalar,
  EmailAddressScalar,
  PhoneNumberScalar,
  UuidScalar,
} from '@cabinet/platform/scalars';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'What happened' })
export class IncidentInput {
  @Field(() => CalendarDateScalar, { description: 'Day of the incident, YYYY-MM-DD' })
  occurredOn!: string;

  @Field(() => String, { description: 'Kind of incident, e.g. «ДТП», «Залив квартиры»' })
  kind!: string;

  @Field(() => String, { description: 'Where it happened' })
  place!: string;

  @Field(() => String, { description: 'What happened, in the customer’s words' })
  description!: string;
}

@InputType({ description: 'How the insurer may reach the customer about this claim' })
export class ContactInput {
  @Field(() => PhoneNumberScalar, { nullable: true })
  phone?: string | null;

  @Field(() => EmailAddressScalar, { nullable: true })
  email?: string | null;
}

@InputType()
export class SubmitClaimInput {
  @Field(() => UuidScalar)
  policyId!: string;

  @Field(() => IncidentInput)
  incident!: IncidentInput;

  @Field(() => ContactInput, { nullable: true })
  contact?: ContactInput | null;

  @Field(() => [UuidScalar], {
    nullable: true,
    description: 'Uploaded documents to attach (see requestDocumentUpload)',
  })
  documentIds?: string[] | null;
}
