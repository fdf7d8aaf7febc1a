import { UuidScalar } from '@cabinet/platform/scalars';
import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where to PUT a file’s bytes; then attach its id to a support message' })
export class SupportAttachmentUpload {
  @Field(() => UuidScalar)
  attachmentId!: string;

  @Field(() => String, { description: 'A signed link: PUT the raw file to it, no other credentials needed' })
  uploadUrl!: string;

  @Field(() => Date)
  expiresAt!: Date;
}
