import { gosuslugiError } from './errors.ts';

/** One HTTP call to ESIA with a deadline; a network failure or timeout means Gosuslugi is unavailable. */
export async function callEsia(url: URL, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason = error instanceof DOMException && error.name === 'TimeoutError' ? 'timeout' : 'network';
    throw gosuslugiError('GOSUSLUGI_UNAVAILABLE', undefined, { reason, path: url.pathname });
  }
}

export async function readJson(response: Response, path: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw gosuslugiError('GOSUSLUGI_UNEXPECTED_RESPONSE', undefined, {
      reason: 'not JSON',
      path,
      status: response.status,
    });
  }
}

/** The body as a JSON object, or undefined when it is something else (an HTML error page, a proxy's text). */
export async function readJsonObject(
  response: Response,
): Promise<Readonly<Record<string, unknown>> | undefined> {
  try {
    const value = JSON.parse(await response.text()) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Readonly<Record<string, unknown>>)
      : undefined;
  } catch {
    return undefined;
  }
}
