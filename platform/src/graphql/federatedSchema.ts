import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { MapperKind, mapSchema, printSchemaWithDirectives } from '@graphql-tools/utils';
import { createPubSub } from '@graphql-yoga/subscription';
import { getNullableType, parse, type GraphQLFieldConfig, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { DateTimeScalar } from '../scalars/scalars.ts';

/** Federation 2 directives our subgraphs use; the composition checks them. */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

export interface FederatedSchemaOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own resolver class type
  readonly resolvers: NonEmptyArray<Function>;
  /** Resolver instances built by the service with their dependencies (constructor injection). */
  readonly instances: readonly object[];
  /** Entity stubs this subgraph only extends (no query returns them), e.g. `Customer` in policy. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own class type
  readonly orphanedTypes?: Function[];
  /** `__resolveReference` and friends for the entities this subgraph owns. */
  readonly referenceResolvers?: GraphQLResolverMap<unknown>;
}

/**
 * Builds the type-graphql schema, prints it with its directives under the federation link and hands it
 * to @apollo/subgraph, so `_entities`/`_service` exist and the printed SDL composes.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const byClass = new Map(options.instances.map((instance) => [instance.constructor, instance]));
  const schema = await buildSchema({
    resolvers: options.resolvers,
    container: {
      get(someClass) {
        const instance = byClass.get(someClass as object as typeof Object);
        if (!instance)
          throw new Error(`no instance registered for resolver ${(someClass as { name: string }).name}`);
        return instance;
      },
    },
    // type-graphql insists on a pubSub even though our subscriptions bring their own `subscribe`.
    pubSub: createPubSub(),
    orphanedTypes: options.orphanedTypes ?? [],
    // Instants as DateTimeISO with the shared scalar's Russian refusals rather than type-graphql's own.
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    skipCheck: true,
    validate: false,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(withNullableRootFields(schema))}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, fields] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = {
      ...resolvers[typeName],
      ...(fields as object),
    } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}

/**
 * Every query and mutation field may be null: an error on one root field then nulls that field alone,
 * beside its coded error, instead of propagating to `data` and erasing the answers of the other root
 * fields of the same document (and, for mutations, hiding that the earlier ones were done).
 */
function withNullableRootFields(schema: GraphQLSchema): GraphQLSchema {
  const nullable = (field: GraphQLFieldConfig<unknown, unknown>) => ({
    ...field,
    type: getNullableType(field.type),
  });
  return mapSchema(schema, {
    [MapperKind.QUERY_ROOT_FIELD]: nullable,
    [MapperKind.MUTATION_ROOT_FIELD]: nullable,
  });
}
