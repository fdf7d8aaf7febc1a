import { readFile } from 'node:fs/promises';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { buildASTSchema, Kind, parse, validate, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.ts';
import { exampleTabs, graphiqlOptions } from './graphiql.ts';
import { limitsFromConfig } from './limits/limitsFromConfig.ts';

const CALLBACK = 'http://localhost:3000/auth/esia/callback';

/** The graph clients see, composed from the committed subgraph schemas as `npm run schema` does. */
async function apiSchema(): Promise<GraphQLSchema> {
  const services = await Promise.all(
    ['identity', 'policy', 'claims'].map(async (name) => ({
      name,
      typeDefs: parse(await readFile(new URL(`../../schema/${name}.graphql`, import.meta.url), 'utf8')),
      url: `http://${name}/graphql`,
    })),
  );
  const composition = composeServices(services);
  if (compositionHasErrors(composition)) throw new Error(composition.errors.map((e) => e.message).join('\n'));
  return buildASTSchema(parse(composition.publicSdl));
}

describe("GraphiQL's example tabs", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await apiSchema();
  });

  it.each(
    exampleTabs(CALLBACK).map((tab) => [tab.query.split('\n').find((line) => !line.startsWith('#')), tab]),
  )('%s… is valid against the graph and its variables name every variable it declares', (_title, tab) => {
    const document = parse(tab.query);
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
    const declared = document.definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION
        ? (definition.variableDefinitions ?? []).map((variable) => variable.variable.name.value)
        : [],
    );
    const given = JSON.parse(tab.variables) as Record<string, unknown>;
    expect(Object.keys(given).sort()).toEqual([...new Set(declared)].sort());
    if (tab.headers !== '') expect(JSON.parse(tab.headers)).toHaveProperty('authorization');
  });

  it('cover sign-in, the policies, a claim and the claim status subscription', () => {
    const operations = exampleTabs(CALLBACK).flatMap((tab) =>
      parse(tab.query).definitions.flatMap((definition) =>
        definition.kind === Kind.OPERATION_DEFINITION
          ? [`${definition.operation} ${definition.name?.value}`]
          : [],
      ),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'mutation BeginGosuslugiSignIn',
        'mutation CompleteGosuslugiSignIn',
        'query MyPolicies',
        'query Claim',
        'subscription ClaimStatusChanged',
      ]),
    );
  });

  it("begin the sign-in at the sign-in page's redirect URI, and point to the page", () => {
    const [signIn] = exampleTabs(CALLBACK);
    expect(JSON.parse(signIn.variables)).toMatchObject({ redirectUri: CALLBACK });
    expect(signIn.query).toContain('http://localhost:3000/');
    const [withoutPage] = exampleTabs(undefined);
    expect(withoutPage.query).not.toContain('sign-in page http');
  });
});

describe("GraphiQL's requests", () => {
  it('carry a header the CSRF check accepts, so its SSE subscriptions (GET requests) pass', () => {
    const sent = Object.keys(graphiqlOptions(CALLBACK).additionalHeaders ?? {});
    const { requestHeaders } = limitsFromConfig(loadGatewayConfig({}), '/graphql').runtimeOptions
      .csrfPrevention;
    expect(sent.some((header) => requestHeaders.includes(header))).toBe(true);
  });
});
