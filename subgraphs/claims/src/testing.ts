/**
 * What tests and benchmarks reach inside claims without going through the graph: the command handler
 * (to write claim events in bulk, with the key vault from @cabinet/platform/privacy) and the grants of its links (to forge a stale one). Nothing here
 * loads the GraphQL layer.
 */
export { loadClaimsConfig } from './config.ts';
export { withoutActivity } from './claim/application/claimActivity.ts';
export { ClaimCommandHandler } from './claim/application/claimCommandHandler.ts';
export { claimRulesFromConfig } from './claim/application/claimRulesFromConfig.ts';
export type { ClaimActor } from './claim/domain/claimActor.ts';
export type { ClaimCommand } from './claim/domain/claimCommands.ts';
export { formatClaimNumber } from './claim/domain/claimNumber.ts';
export type { LinkGrant } from './documents/application/linkGrants.ts';
export { leadClaimReadModels } from './claim/application/claimReadModelLeadership.ts';
export { CLAIM_SUMMARIES } from './claim/storage/claimSummaryRepository.ts';
