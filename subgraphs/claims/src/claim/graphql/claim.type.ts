import { Connection } from '@cabinet/platform/graphql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { ClaimDeadlineKind } from '../domain/claimDeadlines.ts';
import type { ClaimResolution, ClaimStatus } from '../domain/claimStatus.ts';
import { Policy } from './entities.ts';
import { ClaimDeadlineKindEnum, ClaimResolutionEnum, ClaimStatusEnum } from './enums.ts';

@ObjectType({ description: 'A deadline the insurer has to meet on a claim' })
export class ClaimDeadline {
  @Field(() => ClaimDeadlineKindEnum)
  kind!: ClaimDeadlineKind;

  @Field(() => String, { description: 'Last day (Moscow time) on which the insurer is in time, yyyy-mm-dd' })
  dueOn!: string;
}

@ObjectType({ description: 'An insurance claim (заявление о страховом случае)' })
@Directive('@key(fields: "id")')
export class Claim {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The number people read, e.g. У-2026-000123' })
  number!: string;

  @Field(() => ClaimStatusEnum)
  status!: ClaimStatus;

  @Field(() => String, { description: 'The status as customers read it, e.g. «В работе»' })
  statusLabel!: string;

  @Field(() => ClaimResolutionEnum, { nullable: true, description: 'Set once the claim is COMPLETED' })
  resolution!: ClaimResolution | null;

  @Field(() => String, { nullable: true })
  resolutionLabel!: string | null;

  @Field(() => Policy, {
    nullable: true,
    description:
      'Null (with an error) only when the policy service cannot resolve it: the claim itself still answers',
  })
  policy!: Policy;

  @Field(() => ID, { nullable: true, description: 'Staff member handling the claim' })
  adjusterId!: string | null;

  @Field(() => ClaimDeadline, { nullable: true, description: "The insurer's earliest running deadline" })
  nextDeadline!: ClaimDeadline | null;

  @Field(() => Boolean, { description: 'A running deadline has passed' })
  overdue!: boolean;

  @Field(() => String, { nullable: true, description: 'Approved payout in roubles, a decimal string' })
  approvedAmount!: string | null;

  @Field(() => Date, { description: 'When the customer submitted it' })
  submittedAt!: Date;

  @Field(() => Date, { description: 'When it last changed' })
  updatedAt!: Date;

  @Field(() => String, {
    description:
      'Position of the claim’s latest change: pass it as `after` to `claimStatusChanged` to miss nothing',
  })
  cursor!: string;
}

@ObjectType()
export class ClaimConnection extends Connection(Claim) {}
