import type { ErrorCode } from '@cabinet/kernel';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, Lexer, Source, TokenKind, type ValidationContext, type ValidationRule } from 'graphql';

/** How big one operation may be: the gateway holds clients to it, each subgraph its own callers. */
export interface OperationLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxCost: number;
  /** Items a list is assumed to hold when the operation does not say (`first`). */
  readonly assumedListSize: number;
}

export const limitError = (code: ErrorCode, message: string) =>
  new GraphQLError(message, { extensions: { code } });

/** Depth and aliases, checked while the document is validated; each refusal with its own code. */
export function shapeRules(limits: Pick<OperationLimits, 'maxDepth' | 'maxAliases'>): ValidationRule[] {
  const reportAs = (code: ErrorCode, message: string) => [
    (context: ValidationContext | null) => context?.reportError(limitError(code, message)),
  ];
  return [
    maxDepthRule({
      n: limits.maxDepth,
      propagateOnRejection: false,
      onReject: reportAs(
        'QUERY_TOO_DEEP',
        `Запрос слишком глубокий: не больше ${limits.maxDepth} уровней вложенности.`,
      ),
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: reportAs(
        'TOO_MANY_ALIASES',
        `В запросе слишком много псевдонимов: не больше ${limits.maxAliases}.`,
      ),
    }),
  ];
}

/** Counted before parsing, so a huge document costs nothing to refuse. */
export function tokenRefusal(source: string, maxTokens: number): GraphQLError | undefined {
  return exceedsTokens(source, maxTokens)
    ? limitError('TOO_MANY_TOKENS', `Запрос слишком длинный: не больше ${maxTokens} лексем.`)
    : undefined;
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
