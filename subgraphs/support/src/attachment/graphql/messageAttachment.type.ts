import { UuidScalar } from '@cabinet/platform/scalars';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A file attached to a support message' })
export class SupportMessageAttachment {
  @Field(() => UuidScalar)
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The name it was uploaded under; null once the customer revoked their consent',
  })
  fileName!: string | null;

  @Field(() => String, { description: 'The type its bytes showed: PDF, JPEG, PNG or HEIC' })
  contentType!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field(() => String, {
    description: 'A short-lived signed link to download the file, no other credentials needed',
  })
  downloadUrl!: string;

  @Field(() => Date)
  expiresAt!: Date;
}
