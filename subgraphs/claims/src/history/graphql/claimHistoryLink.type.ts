import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A signed link to a PDF report of claim history («Сохранить отчет»)' })
export class ClaimHistoryLink {
  @Field(() => String, { description: 'Open or save it before `expiresAt`; no other credentials needed' })
  url!: string;

  @Field(() => Date)
  expiresAt!: Date;
}
