import { costRefusal, shapeRules, tokenRefusal, type OperationLimits } from '@cabinet/platform/limits';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Source } from 'graphql';

/**
 * Refuses operations that are too long, too deep or too wide before anything is planned: the token
 * count before parsing (a huge document costs nothing to refuse), depth and aliases while validating,
 * the estimated cost just before it runs.
 * Each refusal has its own stable code and a message people can read.
 */
export function useOperationLimits(limits: OperationLimits): GatewayPlugin {
  const rules = shapeRules(limits);
  const costModel = { maxCost: limits.maxCost, assumedListSize: limits.assumedListSize };
  return {
    onParse({ params }) {
      const given: unknown = params.source;
      const refusal = tokenRefusal(given instanceof Source ? given.body : String(given), limits.maxTokens);
      if (refusal) throw refusal;
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = costRefusal(costModel, args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = costRefusal(costModel, args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}
