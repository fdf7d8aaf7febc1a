import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ClaimStatus } from '../domain/claimStatus.ts';
import { ClaimStatusEnum } from './enums.ts';

@ObjectType({ description: 'One event of a claim as people read it' })
export class ClaimTimelineEntry {
  @Field(() => Date, { description: 'When it happened' })
  at!: Date;

  @Field(() => String, { description: 'Who did it: `customer:<id>` or `staff:<id>`' })
  actor!: string;

  @Field(() => String, { description: 'Who did it, in Russian: «Клиент» or «Страховщик»' })
  actorLabel!: string;

  @Field(() => String, { description: 'The event type, e.g. ClaimAccepted' })
  type!: string;

  @Field(() => String, { description: 'What happened, in Russian, e.g. «Заявление принято к рассмотрению»' })
  what!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The text that came with it (question, answer, comment, explanation); null when none or erased',
  })
  details!: string | null;

  @Field(() => ClaimStatusEnum, { nullable: true, description: 'Null for the submission' })
  statusBefore!: ClaimStatus | null;

  @Field(() => ClaimStatusEnum)
  statusAfter!: ClaimStatus;
}

@ObjectType({ description: 'A comment on a claim' })
export class ClaimComment {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { description: '`customer` or `staff`' })
  authorKind!: string;

  @Field(() => ID)
  authorId!: string;

  @Field(() => String, { nullable: true, description: 'Null once the customer’s personal data was erased' })
  text!: string | null;
}

@ObjectType({ description: 'A file attached to a claim' })
export class ClaimDocumentFile {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Null once the customer’s personal data was erased' })
  fileName!: string | null;

  @Field(() => String, {
    description: 'Recognised from the file’s content: application/pdf, image/jpeg, image/png or image/heic',
  })
  contentType!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field(() => String, { description: 'Hex sha256 of the content' })
  sha256!: string;

  @Field(() => Date)
  providedAt!: Date;

  @Field(() => String, { description: 'A signed link valid for a few minutes' })
  downloadUrl!: string;

  @Field(() => Date)
  downloadUrlExpiresAt!: Date;
}
