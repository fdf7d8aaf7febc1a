import { Field, ObjectType, registerEnumType } from 'type-graphql';

export const TranscriptViewEnum = { CUSTOMER: 'CUSTOMER', OPERATOR: 'OPERATOR' } as const;
registerEnumType(TranscriptViewEnum, {
  name: 'TranscriptView',
  description:
    'CUSTOMER: both sides’ messages, no internal notes or staff ids; OPERATOR: support’s copy with internal notes, assignments and transfers',
});

@ObjectType({ description: 'A signed link to a PDF transcript of a support conversation' })
export class TranscriptLink {
  @Field(() => String, { description: 'Open or save it before `expiresAt`; no other credentials needed' })
  url!: string;

  @Field(() => Date)
  expiresAt!: Date;
}
