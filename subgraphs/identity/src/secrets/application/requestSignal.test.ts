import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { currentRequestSignal, requestSignalMiddleware } from './requestSignal.ts';

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A server whose handler hands the test the request's signal and answers only when told to. */
async function serverHoldingRequests() {
  const signals: AbortSignal[] = [];
  const answers: (() => void)[] = [];
  const closed: Promise<void>[] = [];
  let arrived!: () => void;
  const first = new Promise<void>((resolve) => (arrived = resolve));
  server = createServer((req, res) =>
    requestSignalMiddleware()(req, res, () => {
      signals.push(currentRequestSignal()!);
      answers.push(() => res.end('done'));
      closed.push(new Promise((resolve) => res.on('close', resolve)));
      arrived();
    }),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, signals, answers, closed, first };
}

describe('the request signal', () => {
  it('fires when the client goes away before the answer', async () => {
    const held = await serverHoldingRequests();
    const client = request({ port: held.port, host: '127.0.0.1', method: 'POST' });
    client.on('error', () => undefined);
    client.end('{}');
    await held.first;
    const aborted = new Promise<void>((resolve) =>
      held.signals[0]!.addEventListener('abort', () => resolve(), { once: true }),
    );
    client.destroy();
    await aborted;
    expect(held.signals[0]!.aborted).toBe(true);
  });

  it('stays quiet for a request that was answered', async () => {
    const held = await serverHoldingRequests();
    const body = new Promise<string>((resolve) => {
      const client = request({ port: held.port, host: '127.0.0.1', method: 'POST', agent: false }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(text));
      });
      client.end('{}');
    });
    await held.first;
    held.answers[0]!();
    expect(await body).toBe('done');
    await held.closed[0];
    expect(held.signals[0]!.aborted).toBe(false);
  });
});
