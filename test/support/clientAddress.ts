import { request, type IncomingHttpHeaders } from 'node:http';
import type { GraphQLResponse } from './graphqlClient.ts';

export interface AddressedResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * One POST sent from a chosen loopback address: on Linux all of 127.0.0.0/8 is this machine, so the
 * gateway sees distinct clients (it appends the peer address to `x-forwarded-for`, and identity trusts
 * only that entry) without any forged header.
 */
export function postFrom(
  localAddress: string,
  url: string | URL,
  headers: Record<string, string>,
  body: string,
): Promise<AddressedResponse> {
  const target = new URL(url);
  target.hostname = '127.0.0.1';
  return new Promise((resolve, reject) => {
    const outgoing = request(
      target,
      { method: 'POST', localAddress, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** A GraphQL request from a chosen loopback address. */
export async function graphqlFrom<T = Record<string, unknown>>(
  localAddress: string,
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const response = await postFrom(
    localAddress,
    url,
    {
      'content-type': 'application/json',
      ...options.headers,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    JSON.stringify({ query, variables: options.variables ?? {} }),
  );
  return { status: response.status, ...(JSON.parse(response.body) as Omit<GraphQLResponse<T>, 'status'>) };
}

/** A partner's client-credentials request to a token endpoint, from a chosen loopback address. */
export function partnerTokenFrom(
  localAddress: string,
  tokenUrl: string | URL,
  credentials: { clientId: string; clientSecret: string },
): Promise<AddressedResponse> {
  return postFrom(
    localAddress,
    tokenUrl,
    { 'content-type': 'application/x-www-form-urlencoded' },
    new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      scope: 'claims:status',
    }).toString(),
  );
}
