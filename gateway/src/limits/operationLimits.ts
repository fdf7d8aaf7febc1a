import type { ErrorCode } from '@cabinet/kernel';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, Lexer, Source, TokenKind, type ValidationContext } from 'graphql';
import { costRefusal } from './operationCost.ts';

export interface OperationLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxCost: number;
  /** Items a list is assumed to hold when the operation does not say (`first`). */
  readonly assumedListSize: number;
}

const limitError = (code: ErrorCode, message: string) => new GraphQLError(message, { extensions: { code } });

/**
 * Refuses operations that are too long, too deep or too wide before anything is planned: the token
 * count before parsing (a huge document costs nothing to refuse), depth and aliases while validating,
 * the estimated cost just before it runs.
 * Each refusal has its own stable code and a message people can read.
 */
export function useOperationLimits(limits: OperationLimits): GatewayPlugin {
  const reportAs = (code: ErrorCode, message: string) => [
    (context: ValidationContext | null) => context?.reportError(limitError(code, message)),
  ];
  const depthRule = maxDepthRule({
    n: limits.maxDepth,
    propagateOnRejection: false,
    onReject: reportAs(
      'QUERY_TOO_DEEP',
      `Запрос слишком глубокий: не больше ${limits.maxDepth} уровней вложенности.`,
    ),
  });
  const aliasesRule = maxAliasesRule({
    n: limits.maxAliases,
    propagateOnRejection: false,
    onReject: reportAs(
      'TOO_MANY_ALIASES',
      `В запросе слишком много псевдонимов: не больше ${limits.maxAliases}.`,
    ),
  });
  const costModel = { maxCost: limits.maxCost, assumedListSize: limits.assumedListSize };
  return {
    onParse({ params }) {
      const given: unknown = params.source;
      const source = given instanceof Source ? given.body : String(given);
      if (exceedsTokens(source, limits.maxTokens)) {
        throw limitError('TOO_MANY_TOKENS', `Запрос слишком длинный: не больше ${limits.maxTokens} лексем.`);
      }
    },
    onValidate({ addValidationRule }) {
      addValidationRule(depthRule);
      addValidationRule(aliasesRule);
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

/** Stops lexing as soon as the limit is passed; a malformed document is left to the parser to refuse. */
function exceedsTokens(source: string, maxTokens: number): boolean {
  const lexer = new Lexer(new Source(source));
  try {
    for (let count = 0; lexer.advance().kind !== TokenKind.EOF; count += 1) {
      if (count >= maxTokens) return true;
    }
  } catch {
    return false;
  }
  return false;
}
