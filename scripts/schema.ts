/**
 * Regenerates schema/<subgraph>.graphql from the code and composes schema/supergraph.graphql
 * (`write`), or fails when the committed files differ from what the code produces or do not compose
 * (`check`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { SUBGRAPHS } from './subgraphs.ts';

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
