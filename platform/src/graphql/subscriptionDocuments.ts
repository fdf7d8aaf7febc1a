import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { ErrorCode } from '@cabinet/kernel';
import { LruMap } from '../collections/lruMap.ts';

const PREPARED_DOCUMENTS_KEPT = 500;
const PREPARED_QUERY_MAX_LENGTH = 20_000;

export type PreparedDocument =
  | { readonly document: DocumentNode; readonly refusal?: undefined }
  | { readonly refusal: readonly GraphQLError[] };

/**
 * Parses and validates a subscribe message's query against the schema and the extra rules (the
 * operation limits), or refuses it with codes.
 * Subscribers of a gateway all send the same few documents: each is parsed and validated once, not
 * kept as a parsed copy per subscriber.
 */
export function documentPreparer(
  schema: GraphQLSchema,
  extraRules: readonly ValidationRule[],
): (query: string) => PreparedDocument {
  const rules = [...specifiedRules, ...extraRules];
  const preparedDocuments = new LruMap<string, PreparedDocument>(PREPARED_DOCUMENTS_KEPT);
  return (query) => {
    const known = preparedDocuments.get(query);
    if (known) return known;
    const prepared = parseAndValidate(schema, rules, query);
    if (!prepared.refusal && query.length <= PREPARED_QUERY_MAX_LENGTH)
      preparedDocuments.set(query, prepared);
    return prepared;
  };
}

function parseAndValidate(
  schema: GraphQLSchema,
  rules: readonly ValidationRule[],
  query: string,
): PreparedDocument {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { refusal: [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] };
  }
  const invalid = validate(schema, document, rules);
  if (invalid.length > 0) return { refusal: invalid.map(withValidationCode) };
  return { document };
}

/** A limit's refusal keeps its own code; graphql-js's own refusals get GRAPHQL_VALIDATION_FAILED. */
function withValidationCode(error: GraphQLError): GraphQLError {
  const code = (error.extensions['code'] as ErrorCode | undefined) ?? 'GRAPHQL_VALIDATION_FAILED';
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { code } });
}
