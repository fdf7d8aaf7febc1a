import { LruMap } from '@cabinet/platform/collections';
import {
  rememberedCostRefusal,
  shapeRules,
  tokenRefusal,
  type OperationLimits,
} from '@cabinet/platform/limits';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Source } from 'graphql';

/** Documents remembered as within the token limit; the runtime's parser cache holds as many. */
const COUNTED_DOCUMENTS = 1_000;

/**
 * Refuses operations that are too long, too deep or too wide before anything is planned: the token
 * count before parsing (a huge document costs nothing to refuse), depth and aliases while validating,
 * the estimated cost just before it runs. Each is worked out once per document where it can be: the
 * token count per text, depth and aliases with the runtime's cached validation, the cost per document
 * unless the variables change it.
 * Each refusal has its own stable code and a message people can read.
 */
export function useOperationLimits(limits: OperationLimits): GatewayPlugin {
  const rules = shapeRules(limits);
  const costRefusal = rememberedCostRefusal({
    maxCost: limits.maxCost,
    assumedListSize: limits.assumedListSize,
  });
  const withinTokenLimit = new LruMap<string, true>(COUNTED_DOCUMENTS);
  return {
    onParse({ params }) {
      const given: unknown = params.source;
      const source = given instanceof Source ? given.body : String(given);
      if (withinTokenLimit.get(source)) return;
      const refusal = tokenRefusal(source, limits.maxTokens);
      if (refusal) throw refusal;
      withinTokenLimit.set(source, true);
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = costRefusal(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = costRefusal(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}
