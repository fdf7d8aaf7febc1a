import { registerEnumType } from 'type-graphql';
import type { ClaimDeadlineKind } from '../domain/claimDeadlines.ts';
import type { ClaimRefusalReason, InsuranceProduct } from '../domain/claimEvents.ts';
import {
  CLAIM_RESOLUTIONS,
  CLAIM_STATUSES,
  type ClaimResolution,
  type ClaimStatus,
} from '../domain/claimStatus.ts';

const enumOf = <const T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const ClaimStatusEnum = enumOf<ClaimStatus>(CLAIM_STATUSES);
export const ClaimResolutionEnum = enumOf<ClaimResolution>(CLAIM_RESOLUTIONS);
export const ClaimDeadlineKindEnum = enumOf<ClaimDeadlineKind>(['DECISION', 'CLARIFICATION_ANSWER']);
export const ClaimRefusalReasonEnum = enumOf<ClaimRefusalReason>([
  'NOT_AN_INSURED_EVENT',
  'POLICY_NOT_IN_FORCE',
  'EXCLUDED_RISK',
  'DOCUMENTS_NOT_PROVIDED',
  'OTHER',
]);

/** The policy subgraph's product enum, shared by name and values so the supergraph composes one type. */
export const InsuranceProductEnum = enumOf<InsuranceProduct>([
  'OSAGO',
  'KASKO',
  'DMS',
  'PROPERTY',
  'MORTGAGE',
  'TRAVEL',
  'ACCIDENT',
]);

registerEnumType(ClaimStatusEnum, {
  name: 'ClaimStatus',
  description: 'Where a claim stands; `statusLabel` gives the Russian name',
});
registerEnumType(ClaimResolutionEnum, {
  name: 'ClaimResolution',
  description: 'How a completed claim ended',
});
registerEnumType(ClaimDeadlineKindEnum, { name: 'ClaimDeadlineKind' });
registerEnumType(ClaimRefusalReasonEnum, { name: 'ClaimRefusalReason' });
registerEnumType(InsuranceProductEnum, { name: 'PolicyProduct', description: 'Insurance product' });
