import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { guardHttpRequest } from './httpGuards.ts';

const MAX_BODY_BYTES = 1_000;
let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function guardedServer(): Promise<number> {
  server = createServer((req, res) => {
    if (guardHttpRequest(req, res, { maxBodyBytes: MAX_BODY_BYTES, production: false })) res.end('{}');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return (server?.address() as AddressInfo).port;
}

/**
 * Sends the body in pieces, the way a client on a slow line does, and answers once the whole body
 * is sent and the response read; a connection closed under the sender fails it.
 */
async function postInPieces(
  port: number,
  body: Buffer,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const req = request({
    port,
    host: '127.0.0.1',
    method: 'POST',
    headers: { 'content-length': body.length },
  });
  const response = new Promise<{ status: number; headers: Record<string, unknown>; text: string }>(
    (resolve, reject) => {
      req.on('error', reject);
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
    },
  );
  for (let offset = 0; offset < body.length; offset += 1_000) {
    await new Promise<void>((resolve, reject) =>
      req.write(body.subarray(offset, offset + 1_000), (error) => (error ? reject(error) : resolve())),
    );
    await new Promise((resolve) => setImmediate(resolve));
  }
  await new Promise<void>((resolve) => req.end(resolve));
  return response;
}

describe('guardHttpRequest', () => {
  it('refuses a body above the limit with 413 and reads the rest, so a client still sending it finishes and gets the refusal', async () => {
    const port = await guardedServer();
    const answer = await postInPieces(port, Buffer.alloc(200 * MAX_BODY_BYTES, 'x'));
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).not.toBe('close');
    const refusal = JSON.parse(answer.text) as { errors: { extensions: { code: string } }[] };
    expect(refusal.errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lets a body within the limit through', async () => {
    const port = await guardedServer();
    const answer = await postInPieces(port, Buffer.alloc(MAX_BODY_BYTES, 'x'));
    expect(answer.status).toBe(200);
  });
});
