/**
 * Ready means the supergraph is loaded and every subgraph answers its /healthz: a load balancer should
 * not send traffic to a gateway that cannot serve the graph.
 */
export async function subgraphsReady(subgraphUrls: readonly string[], timeoutMs = 1_000): Promise<boolean> {
  const answers = await Promise.all(
    subgraphUrls.map(async (url) => {
      try {
        const response = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(timeoutMs) });
        await response.body?.cancel();
        return response.ok;
      } catch {
        return false;
      }
    }),
  );
  return answers.every(Boolean);
}
