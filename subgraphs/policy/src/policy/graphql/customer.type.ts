import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The customer entity owned by identity; this subgraph adds the customer's policies to it. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID)
  id!: string;
}
