import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts listening and answers the port it got (0 asks for a free one). */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * Stops taking connections and closes the idle ones at once; requests in flight get five seconds to
 * be answered before their connections are closed too.
 */
export async function closeGracefully(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), 5_000);
  await closed;
  clearTimeout(force);
}
