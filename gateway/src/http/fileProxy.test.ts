import {
  createServer,
  request,
  type ClientRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createInternalRequestSigner,
  createInternalRequestVerifier,
  INTERNAL_REQUEST_HEADER,
} from '@cabinet/platform/internal-requests';
import { createLogger } from '@cabinet/platform/logging';
import { afterEach, describe, expect, it } from 'vitest';
import type { RateDecision } from '../limits/requestBudgets.ts';
import { fileProxy } from './fileProxy.ts';

const SECRET = 'a-secret-of-the-internal-network-32+';
const MAX_UPLOAD_BYTES = 1_000;
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

async function listening(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A gateway whose only route is the file proxy, to one service named `claims`. */
async function gatewayTo(
  service: string,
  spend: () => Promise<RateDecision> = () => Promise.resolve({ allowed: true }),
) {
  return listening(
    fileProxy({
      routes: [{ name: 'claims', url: `${service}/graphql` }],
      maxUploadBytes: MAX_UPLOAD_BYTES,
      idleTimeoutMs: 10_000,
      internalRequests: createInternalRequestSigner(SECRET, 'gateway'),
      spend,
      allowsOrigin: (origin) => origin === 'http://localhost:5173',
      log: createLogger('gateway', 'silent'),
    }),
  );
}

/** Resolves the first time it is called; a test waits on it for something the other side did. */
function signal<T = void>(): { fired: Promise<T>; fire: (value: T) => void } {
  let fire!: (value: T) => void;
  const fired = new Promise<T>((resolve) => (fire = resolve));
  return { fired, fire };
}

/** Sends a raw request (the path as it is, no normalisation) and reads the whole answer. */
function send(
  gateway: string,
  path: string,
  options: { method?: string; body?: Buffer; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(gateway), {
      path,
      method: options.method ?? 'GET',
      headers: options.headers,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.end(options.body);
  });
}

/** The status and body of the answer to a request the test writes by hand. */
function answerTo(sent: ClientRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    sent.on('error', reject);
    sent.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
  });
}

const codeOf = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

describe("the gateway's file routes", () => {
  it("passes a download on from the service's /files with its proof, streaming, with the file's headers", async () => {
    const seen = signal<IncomingMessage>();
    const firstChunkRead = signal();
    const service = await listening((req, res) => {
      seen.fire(req);
      res.writeHead(200, {
        'content-type': 'application/pdf',
        'content-length': '8',
        'content-disposition': "attachment; filename*=UTF-8''%D1%84.pdf",
        'x-internal-detail': 'stays inside',
      });
      res.write('%PDF');
      // The rest only once the client has read the first half: nothing waits for the whole body.
      void firstChunkRead.fired.then(() => res.end('-1.7'));
    });
    const gateway = await gatewayTo(service);

    const response = await fetch(`${gateway}/files/claims/documents/d-1/content?token=t.s`, {
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-length')).toBe('8');
    expect(response.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''%D1%84.pdf");
    expect(response.headers.get('x-internal-detail')).toBeNull();
    const reader = response.body!.getReader();
    expect(Buffer.from((await reader.read()).value!).toString()).toBe('%PDF');
    firstChunkRead.fire();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      rest += Buffer.from(chunk.value).toString();
    expect(rest).toBe('-1.7');

    const received = await seen.fired;
    expect(received.url).toBe('/files/documents/d-1/content?token=t.s');
    expect(createInternalRequestVerifier(SECRET).callerOf(received.headers[INTERNAL_REQUEST_HEADER])).toBe(
      'gateway',
    );
    expect(received.headers['x-forwarded-for']).toBe('198.51.100.7, 127.0.0.1');
  });

  it('streams an upload to the service as it arrives and passes its answer back', async () => {
    const firstBytesArrived = signal<string>();
    const service = await listening((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        if (body === '') firstBytesArrived.fire(chunk);
        body += chunk;
      });
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, url: req.url, body }));
      });
    });
    const gateway = await gatewayTo(service);

    const upload = request(`${gateway}/files/claims/documents/d-1?token=t.s`, {
      method: 'PUT',
      headers: { 'content-type': 'application/pdf', 'content-length': '8' },
    });
    const answer = answerTo(upload);
    upload.write('%PDF');
    // The service holds the first half before the client has sent the second.
    expect(await firstBytesArrived.fired).toBe('%PDF');
    upload.end('-1.7');
    const { status, body } = await answer;
    expect(status).toBe(201);
    expect(JSON.parse(body)).toEqual({
      method: 'PUT',
      url: '/files/documents/d-1?token=t.s',
      body: '%PDF-1.7',
    });
  });

  it('drops the call to the service when the client goes away mid-download', async () => {
    const serviceDropped = signal<boolean>();
    const service = await listening((_req, res) => {
      res.on('close', () => serviceDropped.fire(res.writableFinished));
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.write('%PDF');
    });
    const gateway = await gatewayTo(service);

    const client = request(`${gateway}/files/claims/documents/d-1/content?token=t.s`);
    client.on('error', () => undefined);
    client.on('response', (res) => res.once('data', () => client.destroy()));
    client.end();
    // The service never finished: its side of the call was closed under it.
    expect(await serviceDropped.fired).toBe(false);
  });

  it('cuts off an upload above the limit with 413, declared or not, and drops the call to the service', async () => {
    const firstBytesArrived = signal();
    const serviceAborted = signal<number>();
    let calls = 0;
    const service = await listening((req, res) => {
      calls += 1;
      let received = 0;
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        firstBytesArrived.fire();
      });
      req.on('close', () => {
        if (!req.complete) serviceAborted.fire(received);
      });
      req.on('end', () => res.end());
    });
    const gateway = await gatewayTo(service);

    const declared = await send(gateway, '/files/claims/documents/d-1?token=t.s', {
      method: 'PUT',
      headers: { 'content-length': String(MAX_UPLOAD_BYTES + 1) },
      body: Buffer.alloc(MAX_UPLOAD_BYTES + 1),
    }).catch(() => undefined);
    // Refused by its declared length: the service never heard of it (the client may see the refusal or a closed connection).
    if (declared) expect([declared.status, codeOf(declared.body)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(calls).toBe(0);

    // Undeclared: the first bytes reach the service, then more arrive than the limit allows.
    const upload = request(`${gateway}/files/claims/documents/d-1?token=t.s`, { method: 'PUT' });
    const answer = answerTo(upload);
    upload.write(Buffer.alloc(MAX_UPLOAD_BYTES / 2));
    await firstBytesArrived.fired;
    upload.write(Buffer.alloc(MAX_UPLOAD_BYTES));
    const refused = await answer;
    expect([refused.status, codeOf(refused.body)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(await serviceAborted.fired).toBeLessThanOrEqual(MAX_UPLOAD_BYTES);
    upload.destroy();
  });

  it("passes on the service's own early refusal of an upload", async () => {
    const service = await listening((_req, res) => {
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ error: { code: 'DOCUMENT_TOO_LARGE' } }));
    });
    const gateway = await gatewayTo(service);
    const answer = await send(gateway, '/files/claims/documents/d-1?token=t.s', {
      method: 'PUT',
      body: Buffer.alloc(MAX_UPLOAD_BYTES / 2),
    });
    expect(answer.status).toBe(413);
    expect(codeOf(answer.body)).toBe('DOCUMENT_TOO_LARGE');
  });

  it.each([
    ['an unknown service', '/files/nobody/documents/d-1'],
    ['no path inside the service', '/files/claims'],
    ['a path that climbs out of the files', '/files/claims/../graphql'],
    ['an encoded climb', '/files/claims/%2e%2e/graphql'],
  ])('answers 404 FILE_NOT_FOUND for %s, without calling anyone', async (_case, path) => {
    let calls = 0;
    const service = await listening((_req, res) => {
      calls += 1;
      res.end();
    });
    const answer = await send(await gatewayTo(service), path);
    expect(answer.status).toBe(404);
    expect(codeOf(answer.body)).toBe('FILE_NOT_FOUND');
    expect(calls).toBe(0);
  });

  it('refuses other methods, and answers a CORS preflight for allowed origins only', async () => {
    const gateway = await gatewayTo(await listening((_req, res) => res.end()));
    const post = await send(gateway, '/files/claims/documents/d-1', { method: 'POST' });
    expect([post.status, codeOf(post.body), post.headers.allow]).toEqual([
      405,
      'METHOD_NOT_ALLOWED',
      'GET, HEAD, PUT',
    ]);
    const preflight = await send(gateway, '/files/claims/documents/d-1', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD, PUT');
    const elsewhere = await send(gateway, '/files/claims/documents/d-1', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
    });
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('spends from the rate limits and answers 429 with Retry-After when they are spent', async () => {
    let calls = 0;
    const service = await listening((_req, res) => {
      calls += 1;
      res.end();
    });
    const gateway = await gatewayTo(service, () =>
      Promise.resolve({ allowed: false, retryAfterSeconds: 42 }),
    );
    const answer = await send(gateway, '/files/claims/documents/d-1/content?token=t.s');
    expect([answer.status, codeOf(answer.body), answer.headers['retry-after']]).toEqual([
      429,
      'RATE_LIMITED',
      '42',
    ]);
    expect(calls).toBe(0);
  });

  it('answers 503 SUBGRAPH_UNAVAILABLE when the service does not answer', async () => {
    const service = await listening((_req, res) => res.end());
    const [closed] = servers.splice(0);
    await new Promise((resolve) => closed!.close(resolve));
    const answer = await send(await gatewayTo(service), '/files/claims/documents/d-1/content?token=t.s');
    expect([answer.status, codeOf(answer.body)]).toEqual([503, 'SUBGRAPH_UNAVAILABLE']);
  });
});
