import type { Client } from 'graphql-ws';
import { wsClient } from '../../test/support/graphqlClient.ts';
import { sleep } from './pacing.ts';

/**
 * graphql-ws clients through the gateway, each optionally from a loopback address of its own, and what
 * became of them: sockets the gateway acknowledged and subscriptions it refused or ended with an error.
 */
export class LiveClients {
  private readonly clients: Client[] = [];
  private connected = 0;
  private subscriptions = 0;
  private failed = 0;

  constructor(private readonly gatewayUrl: string) {}

  /** A lazy client: it connects with its first subscription. */
  open(token: string, localAddress?: string): Client {
    const client = wsClient(this.gatewayUrl, token, { localAddress });
    client.on('connected', () => (this.connected += 1));
    this.clients.push(client);
    return client;
  }

  /** Subscribes, counting the subscription and any error that ends it. */
  subscribe<T>(
    client: Client,
    request: { query: string; variables: Record<string, unknown> },
    next: (data: T) => void,
  ): void {
    this.subscriptions += 1;
    client.subscribe<T>(request, {
      next: ({ data }) => {
        if (data) next(data);
      },
      error: () => (this.failed += 1),
      complete: () => undefined,
    });
  }

  /** Waits (at most `withinMs`) until every socket is acknowledged or has failed, then `settleMs` more. */
  async settle(withinMs: number, settleMs: number): Promise<void> {
    const by = Date.now() + withinMs;
    while (this.connected + this.failed < this.clients.length && Date.now() < by) await sleep(200);
    await sleep(settleMs);
  }

  /** Subscriptions open and not failed. */
  get held(): number {
    return this.subscriptions - this.failed;
  }

  async close(): Promise<void> {
    for (const client of this.clients) await client.dispose();
  }
}
