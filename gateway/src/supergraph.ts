export interface SubgraphRoute {
  readonly name: string;
  readonly url: string;
}

/** The subgraphs a composed supergraph routes to, as its `join__Graph` enum declares them. */
export function subgraphRoutes(supergraphSdl: string): SubgraphRoute[] {
  const routes: SubgraphRoute[] = [];
  for (const match of supergraphSdl.matchAll(/@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]+)"\)/g)) {
    const [, name, url] = match;
    if (name && url) routes.push({ name, url });
  }
  return routes;
}
