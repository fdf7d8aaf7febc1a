import { randomUUID } from 'node:crypto';
import { ActivityRecorder } from '@cabinet/platform/activity';
import { createLogger } from '@cabinet/platform/logging';
import { claimActivity } from './claim/application/claimActivity.ts';
import {
  ClaimCommandHandler,
  type CommandContext,
  type CommandOutcome,
} from './claim/application/claimCommandHandler.ts';
import { ClaimNumberSequence } from './claim/application/claimNumberSequence.ts';
import { claimRulesFromConfig } from './claim/application/claimRulesFromConfig.ts';
import type { ClaimCommand } from './claim/domain/claimCommands.ts';
import { claimStreamId } from './claim/domain/claimStreamId.ts';
import { openClaimsDocuments, openClaimsEvents } from './claimsStorage.ts';
import type { ClaimsConfig } from './config.ts';
import { CustomerKeyVault } from '@cabinet/platform/privacy';

/** The claims' command side over their stores, without the graph and without the policy check. */
export interface ClaimCommands {
  execute(claimId: string, command: ClaimCommand, context: CommandContext): Promise<CommandOutcome>;
  /** The number of the claim with this id, from the service's own sequence (the same for a retry). */
  claimNumberFor(claimId: string, year: number): Promise<string>;
  exists(claimId: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Opens the claims' stores for commands from outside the service, e.g. claims migrated from another
 * system (the embedded profile's demo claims come in this way). The events are the ones the service
 * would write, personal data sealed and activity recorded alike; its projections pick them up.
 */
export async function openClaimCommands(config: ClaimsConfig, now: () => Date): Promise<ClaimCommands> {
  const events = await openClaimsEvents(config);
  const documents = await openClaimsDocuments(config);
  const log = createLogger('claims-import', config.LOG_LEVEL);
  const handler = new ClaimCommandHandler(
    events,
    await CustomerKeyVault.open(documents, now),
    claimRulesFromConfig(config),
    claimActivity(new ActivityRecorder({ events, service: 'claims', now, newId: randomUUID }), log),
  );
  const numbers = await ClaimNumberSequence.open(documents);
  return {
    execute: (claimId, command, context) => handler.execute(claimId, command, context),
    claimNumberFor: (claimId, year) => numbers.numberFor(claimId, year),
    exists: async (claimId) => (await events.read(claimStreamId(claimId), { maxCount: 1 })).length > 0,
    async close() {
      await events.close();
      await documents.close();
    },
  };
}

export { loadClaimsConfig } from './config.ts';
