/**
 * Regenerates schema/<subgraph>.graphql from the code and composes schema/supergraph.graphql
 * (`write`), or fails when the committed files differ from what the code produces or do not compose
 * (`check`). Also writes (or checks) schema/persisted-operations.json, the registered operations of
 * schema/operations/*.graphql by the sha256 of their text, each validated against the supergraph's API,
 * and their typed documents for clients (client/src/operations.generated.ts).
 */
// First of all: type-graphql's decorators use the Reflect metadata API as the schema classes load.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { buildASTSchema, Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { SUBGRAPHS } from './subgraphs.ts';
import { TYPED_OPERATIONS_FILE, typedOperations, type RegisteredOperation } from './typedOperations.ts';

const mode = process.argv[2];
if (mode !== 'write' && mode !== 'check') {
  process.stderr.write('usage: schema.ts write|check\n');
  process.exit(2);
}

const generated = new Map<string, string>();
const services = [];
for (const subgraph of SUBGRAPHS) {
  const sdl = `${printSubgraphSchema(await subgraph.schema()).trim()}\n`;
  generated.set(`schema/${subgraph.name}.graphql`, sdl);
  services.push({ name: subgraph.name, typeDefs: parse(sdl), url: subgraph.embeddedUrl });
}

const composition = composeServices(services);
if (compositionHasErrors(composition)) {
  for (const error of composition.errors) process.stderr.write(`composition error: ${error.message}\n`);
  process.exit(1);
}
generated.set('schema/supergraph.graphql', `${composition.supergraphSdl.trim()}\n`);

const apiSchema = buildASTSchema(parse(composition.publicSdl));
const operations: Record<string, string> = {};
const registered: RegisteredOperation[] = [];
for (const file of (await readdir('schema/operations')).filter((name) => name.endsWith('.graphql')).sort()) {
  const text = `${(await readFile(`schema/operations/${file}`, 'utf8')).trim()}\n`;
  const document = parse(text);
  const problems = validate(apiSchema, document).map((error) => error.message);
  const named = document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && definition.name !== undefined,
  );
  if (named.length !== 1 || named.length !== document.definitions.length)
    problems.push('must hold exactly one named operation');
  const name = named[0]?.name?.value ?? '';
  if (`${name}.graphql` !== file) problems.push('must be named after its operation');
  for (const problem of problems) process.stderr.write(`schema/operations/${file}: ${problem}\n`);
  if (problems.length > 0) process.exit(1);
  const hash = createHash('sha256').update(text).digest('hex');
  operations[hash] = text;
  registered.push({ name, file: `schema/operations/${file}`, document, hash });
}
generated.set('schema/persisted-operations.json', `${JSON.stringify(operations, null, 2)}\n`);
generated.set(TYPED_OPERATIONS_FILE, await typedOperations(apiSchema, registered));

let stale = 0;
for (const [file, content] of generated) {
  if (mode === 'write') {
    await writeFile(file, content);
    continue;
  }
  const committed = await readFile(file, 'utf8').catch(() => null);
  if (committed !== content) {
    stale += 1;
    process.stderr.write(`${file} is stale: run \`npm run schema\` and commit the result\n`);
  }
}
if (stale > 0) process.exit(1);
process.stdout.write(
  mode === 'write' ? `wrote ${generated.size} schema files\n` : 'schema is up to date and composes\n',
);
