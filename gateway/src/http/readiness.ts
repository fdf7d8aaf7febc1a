import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Ready means the supergraph is loaded and every subgraph answers its /healthz: a load balancer should
 * not send traffic to a gateway that cannot serve the graph.
 */
async function subgraphsReady(subgraphUrls: readonly string[], timeoutMs = 1_000): Promise<boolean> {
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

/** `/readiness`: 200 `ready` while every subgraph answers, 503 `not ready` otherwise. */
export function readinessEndpoint(
  subgraphUrls: readonly string[],
): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    void subgraphsReady(subgraphUrls).then((ready) => {
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ready ? 'ready' : 'not ready' }));
    });
  };
}
