import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where to PUT a document’s bytes; then attach the document id to a claim' })
export class DocumentUpload {
  @Field(() => ID)
  documentId!: string;

  @Field(() => String, { description: 'A signed link: PUT the raw file to it, no other credentials needed' })
  uploadUrl!: string;

  @Field(() => Date)
  expiresAt!: Date;
}
