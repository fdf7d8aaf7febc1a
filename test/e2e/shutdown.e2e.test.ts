import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demoCast } from '../support/demoCast.ts';
import { eventually } from '../support/eventually.ts';
import { metricsOf, sample } from '@cabinet/platform/testing';
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
    const token = await system.token({
      kind: 'customer',
      customerId: customer.id,
      sessionId: randomUUID(),
      trusted: true,
    });
    const socket = new WebSocket(system.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const messages: string[] = [];
    socket.on('message', (data: Buffer) => messages.push(data.toString()));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    await new Promise((resolve) => socket.once('message', resolve));
    expect(JSON.parse(messages[0] ?? '{}')).toEqual({ type: 'connection_ack' });
    socket.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: { query: 'subscription { claimStatusChanged { status } }' },
      }),
    );
    await eventually(
      async () =>
        sample(await metricsOf(system.gatewayMetricsUrl), 'gateway_active_subscriptions', {
          transport: 'ws',
        }),
      { what: 'the subscription open at the gateway', until: (open) => open === 1 },
    );

    const closed = new Promise<{ code: number }>((resolve) =>
      socket.once('close', (code) => resolve({ code })),
    );
    const exit = system.services.gateway.stop();
    expect(await closed).toEqual({ code: 1001 });
    expect(await exit).toBe(0);
  });

  it('on SIGTERM the claims subgraph refuses new connections, answers the request in flight, closes its WebSockets with 1001 and exits 0', async () => {
    const claims = system.services.claims;
    const { hostname, port } = new URL(claims.url);
    const socket = new WebSocket(claims.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const firstMessage = new Promise<string>((resolve) =>
      socket.once('message', (data: Buffer) => resolve(data.toString())),
    );
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    expect(JSON.parse(await firstMessage)).toEqual({ type: 'connection_ack' });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

    // The request's headers are in, its body is not: the server answers 100 Continue once it holds the request.
    const body = JSON.stringify({ query: '{ __typename }' });
    const inFlight = await openConnection(hostname, Number(port));
    const response = readAll(inFlight);
    inFlight.write(
      [
        'POST /graphql HTTP/1.1',
        `Host: ${hostname}:${port}`,
        'Content-Type: application/json',
        // Only the gateway and sibling services may call a subgraph: this request proves itself as they do.
        `x-internal-request: ${system.internalProof()}`,
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Expect: 100-continue',
        'Connection: close',
        '',
        '',
      ].join('\r\n'),
    );
    await new Promise((resolve) => inFlight.once('data', resolve));

    const exit = claims.stop();
    expect(await closed).toBe(1001);
    await expect(openConnection(hostname, Number(port))).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    inFlight.write(body);
    const answer = await response;
    expect(answer).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n{') + 4))).toEqual({
      data: { __typename: 'Query' },
    });
    expect(await exit).toBe(0);
  });
});

function openConnection(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

function readAll(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('end', () => resolve(Buffer.concat(chunks).toString()));
    socket.once('error', reject);
  });
}
