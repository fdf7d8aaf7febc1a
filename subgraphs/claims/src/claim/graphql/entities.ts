import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The policy entity owned by the policy subgraph; claims only refer to it by id. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Policy {
  @Field(() => ID)
  id!: string;
}

/** The customer entity owned by identity; this subgraph adds the customer's claims to it. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID)
  id!: string;
}
