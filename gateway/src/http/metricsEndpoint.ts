import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

/** `/metrics`: the registry's series in Prometheus' text format. */
export function metricsEndpoint(registry: Registry): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    void registry.metrics().then((body) => {
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(body);
    });
  };
}
