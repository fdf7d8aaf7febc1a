import { env } from '../config/env.ts';
import type { OperationLimits } from './operationLimits.ts';

/** The operation limits, the same variables and defaults at the gateway and in every subgraph. */
export const operationLimitsConfigSpec = {
  MAX_DEPTH: env.integer(10, { min: 1, max: 100 }),
  MAX_ALIASES: env.integer(15, { min: 0, max: 1_000 }),
  MAX_TOKENS: env.integer(2_000, { min: 10, max: 100_000 }),
  /**
   * Estimated cost of an operation, fragments and variables included: one per object, a paged field as
   * many items as its `first` asks, any other list COST_LIST_SIZE items.
   */
  MAX_COST: env.integer(5_000, { min: 1, max: 10_000_000 }),
  COST_LIST_SIZE: env.integer(20, { min: 0, max: 1_000 }),
};

export function operationLimitsFrom(config: {
  readonly MAX_DEPTH: number;
  readonly MAX_ALIASES: number;
  readonly MAX_TOKENS: number;
  readonly MAX_COST: number;
  readonly COST_LIST_SIZE: number;
}): OperationLimits {
  return {
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxTokens: config.MAX_TOKENS,
    maxCost: config.MAX_COST,
    assumedListSize: config.COST_LIST_SIZE,
  };
}
