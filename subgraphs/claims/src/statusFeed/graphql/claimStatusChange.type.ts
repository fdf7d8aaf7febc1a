import { Field, ID, ObjectType } from 'type-graphql';
import type { ClaimResolution, ClaimStatus } from '../../claim/domain/claimStatus.ts';
import { Policy } from '../../claim/graphql/entities.ts';
import { ClaimResolutionEnum, ClaimStatusEnum } from '../../claim/graphql/enums.ts';

@ObjectType({ description: 'A change of a claim’s status, pushed to subscribers. Carries no personal data.' })
export class ClaimStatusChange {
  @Field(() => String, { description: 'Pass as `after` when resubscribing to miss nothing' })
  cursor!: string;

  @Field(() => ID)
  claimId!: string;

  @Field(() => String)
  claimNumber!: string;

  @Field(() => ClaimStatusEnum)
  status!: ClaimStatus;

  @Field(() => String)
  statusLabel!: string;

  @Field(() => ClaimStatusEnum, { nullable: true, description: 'Null for the submission itself' })
  previousStatus!: ClaimStatus | null;

  @Field(() => ClaimResolutionEnum, { nullable: true })
  resolution!: ClaimResolution | null;

  @Field(() => Date)
  changedAt!: Date;

  @Field(() => Policy, {
    nullable: true,
    description:
      'Null (with an error) only when the policy service cannot resolve it: the change itself still arrives',
  })
  policy!: Policy;
}
