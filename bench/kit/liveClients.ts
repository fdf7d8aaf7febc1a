import type { Client } from 'graphql-ws';
import { wsClient } from '../../test/support/graphqlClient.ts';
import { sleep } from './pacing.ts';

/**
 * graphql-ws clients through the gateway, each optionally from a loopback address of its own, and what
 * became of them: sockets the gateway acknowledged, and subscriptions it refused or ended (with an error,
 * errors in a payload, or a completion: none of these live feeds ends by itself).
 */
export class LiveClients {
  private readonly clients: Client[] = [];
  private connected = 0;
  private subscriptions = 0;
  private failed = 0;
  private ended = 0;
  /** How subscriptions ended: an error's code, a close code, or `completed`. */
  readonly endings = new Map<string, number>();

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
    let over = false;
    const end = (how: string) => {
      if (over) return;
      over = true;
      this.ended += 1;
      this.endings.set(how, (this.endings.get(how) ?? 0) + 1);
    };
    client.subscribe<T>(request, {
      next: ({ data, errors }) => {
        if (errors) {
          const code = errors[0]?.extensions?.['code'];
          end(typeof code === 'string' ? code : 'error without a code');
        }
        if (data) next(data);
      },
      error: (error: unknown) => {
        this.failed += 1;
        end(endingOf(error));
      },
      complete: () => end('completed'),
    });
  }

  /** Waits (at most `withinMs`) until every socket is acknowledged or has failed, then `settleMs` more. */
  async settle(withinMs: number, settleMs: number): Promise<void> {
    const by = Date.now() + withinMs;
    while (this.connected + this.failed < this.clients.length && Date.now() < by) await sleep(200);
    await sleep(settleMs);
  }

  /** Subscriptions open and not ended. */
  get held(): number {
    return this.subscriptions - this.ended;
  }

  async close(): Promise<void> {
    for (const client of this.clients) await client.dispose();
  }
}

/** graphql-ws hands a closed socket over as its close event, anything else as an error. */
function endingOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code, reason } = error as { code: unknown; reason?: unknown };
    return `closed ${String(code)}${typeof reason === 'string' && reason !== '' ? ` ${reason}` : ''}`;
  }
  if (Array.isArray(error))
    return `errors: ${String((error[0] as { message?: unknown } | undefined)?.message)}`;
  return error instanceof Error ? error.message : String(error);
}
