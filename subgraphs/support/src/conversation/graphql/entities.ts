import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The customer entity owned by identity; support adds the customer's conversations to it. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID)
  id!: string;
}

/** The policy entity owned by the policy subgraph; support adds the conversations about it. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Policy {
  @Field(() => ID)
  id!: string;
}

/** The claim entity owned by the claims subgraph; support adds the latest conversation about it. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Claim {
  @Field(() => ID)
  id!: string;
}

/** Identity's statement of the customer's personal data; support adds what it holds about them. */
@ObjectType()
@Directive('@key(fields: "customerId")')
export class PersonalData {
  @Field(() => String)
  customerId!: string;
}
