import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A customer of the insurer: the person who holds policies and files claims' })
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Фамилия Имя Отчество' })
  fullName!: string;

  @Field(() => String)
  lastName!: string;

  @Field(() => String)
  firstName!: string;

  @Field(() => String, { nullable: true })
  middleName!: string | null;

  @Field(() => String, { description: 'Date of birth, yyyy-mm-dd' })
  birthDate!: string;

  @Field(() => String, { nullable: true, description: 'Verified mobile phone, +7XXXXXXXXXX' })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;
}
