import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { ErrorCode } from '@cabinet/kernel';
import { LruMap } from '../collections/lruMap.ts';

const PREPARED_DOCUMENTS_KEPT = 500;
const PREPARED_QUERY_MAX_LENGTH = 20_000;

export type PreparedDocument =
  | { readonly document: DocumentNode; readonly refusal?: undefined }
  | { readonly refusal: readonly GraphQLError[] };

/**
 * Parses and validates a subscribe message's query against the schema, or refuses it with codes.
 * Subscribers of a gateway all send the same few documents: each is parsed and validated once, not
 * kept as a parsed copy per subscriber.
 */
export function documentPreparer(schema: GraphQLSchema): (query: string) => PreparedDocument {
  const preparedDocuments = new LruMap<string, PreparedDocument>(PREPARED_DOCUMENTS_KEPT);
  return (query) => {
    const known = preparedDocuments.get(query);
    if (known) return known;
    const prepared = parseAndValidate(schema, query);
    if (!prepared.refusal && query.length <= PREPARED_QUERY_MAX_LENGTH)
      preparedDocuments.set(query, prepared);
    return prepared;
  };
}

function parseAndValidate(schema: GraphQLSchema, query: string): PreparedDocument {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { refusal: [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] };
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0)
    return { refusal: invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')) };
  return { document };
}

function withCode(error: GraphQLError, code: ErrorCode): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { code } });
}
