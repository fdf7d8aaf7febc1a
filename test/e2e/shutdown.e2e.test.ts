import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demoCast } from '../support/demoRegistry.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

describe('graceful shutdown', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.shutdown();
  });

  it('on SIGTERM the gateway closes open subscriptions with 1001 and exits 0', async () => {
    const { customer } = demoCast();
    const token = await system.token({ kind: 'customer', customerId: customer.id, sessionId: randomUUID(), trusted: true });
    const socket = new WebSocket(system.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const messages: string[] = [];
    socket.on('message', (data: Buffer) => messages.push(data.toString()));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    await new Promise((resolve) => socket.once('message', resolve));
    expect(JSON.parse(messages[0] ?? '{}')).toEqual({ type: 'connection_ack' });
    socket.send(
      JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { claimStatusChanged { status } }' } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const closed = new Promise<{ code: number }>((resolve) => socket.once('close', (code) => resolve({ code })));
    const exit = system.services.gateway.stop();
    expect(await closed).toEqual({ code: 1001 });
    expect(await exit).toBe(0);
  });
});
