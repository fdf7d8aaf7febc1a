import { Connection } from '@cabinet/platform';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { POLICY_PRODUCTS, POLICY_STATUSES, type PolicyProduct, type PolicyStatus } from '../policyRecord.ts';

export const PolicyProductEnum = Object.fromEntries(POLICY_PRODUCTS.map((p) => [p, p])) as {
  [K in PolicyProduct]: K;
};
export const PolicyStatusEnum = Object.fromEntries(POLICY_STATUSES.map((s) => [s, s])) as {
  [K in PolicyStatus]: K;
};
registerEnumType(PolicyProductEnum, { name: 'PolicyProduct', description: 'Insurance product' });
registerEnumType(PolicyStatusEnum, { name: 'PolicyStatus' });

@ObjectType({ description: 'An insurance policy (полис)' })
@Directive('@key(fields: "id")')
export class Policy {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Policy number as printed on the policy' })
  number!: string;

  @Field(() => PolicyProductEnum)
  product!: PolicyProduct;

  @Field(() => PolicyStatusEnum)
  status!: PolicyStatus;

  @Field(() => String, { description: 'First day of cover, yyyy-mm-dd' })
  periodStart!: string;

  @Field(() => String, { description: 'Last day of cover, yyyy-mm-dd' })
  periodEnd!: string;

  /** For the claims service's own checks; hidden from the public graph. */
  @Field(() => ID, { nullable: true })
  @Directive('@inaccessible')
  soldByPartnerId!: string | null;
}

@ObjectType()
export class PolicyConnection extends Connection(Policy) {}
