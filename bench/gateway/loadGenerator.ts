/**
 * The load generator, a process of its own so that its CPU is not counted as the gateway's: it takes
 * one LoadJob at a time over IPC from bench/gateway/index.ts and answers with a LoadResult.
 * Closed load is autocannon's; paced load is sent here because autocannon's rate limit lets each
 * connection fire its whole per-second quota at once, which measures bursts rather than a steady rate.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { failureCode, keepSample, tally, transportFailureCode } from '../kit/failureCodes.ts';
import { percentile, type LoadJob, type LoadResult } from './loadJob.ts';

const REQUEST_TIMEOUT_MS = 10_000;

process.on('message', (job: LoadJob) => {
  const run = job.kind === 'closed' ? closedLoad(job) : pacedLoad(job);
  void run.then(
    (result) => process.send?.({ result }),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
  );
});

/** Without Content-Length: autocannon adds its own, and with two it sends nothing at all. */
function headersOf(job: LoadJob): Record<string, string> {
  return {
    'content-type': 'application/json',
    authorization: `Bearer ${job.token}`,
    ...job.headers,
  };
}

function closedLoad(job: Extract<LoadJob, { kind: 'closed' }>): Promise<LoadResult> {
  const latencies: number[] = [];
  const failuresByCode: Record<string, number> = {};
  const failureSamples: Record<string, string> = {};
  let wrong = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        method: 'POST',
        headers: headersOf(job),
        body: job.body,
        // Checked here rather than with autocannon's expectBody, which counts mismatches without saying why.
        requests: [
          {
            onResponse(status, body) {
              const code = failureCode(status, body, job.expectedBody);
              if (code === undefined) return;
              if (status === 200) wrong += 1;
              tally(failuresByCode, code);
              keepSample(failureSamples, code, body);
            },
          },
        ],
        connections: job.connections,
        duration: job.seconds,
        timeout: REQUEST_TIMEOUT_MS / 1_000,
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error('autocannon failed'));
          return;
        }
        latencies.sort((a, b) => a - b);
        const correct = result['2xx'] - wrong;
        resolve({
          requests: correct,
          rps: correct / result.duration,
          p50Ms: percentile(latencies, 0.5),
          p99Ms: percentile(latencies, 0.99),
          failures: result.non2xx + result.errors + wrong,
          failuresByCode,
          failureSamples,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode === 200) latencies.push(responseTimeMs);
    });
    instance.on('reqError', (error: unknown) => tally(failuresByCode, transportFailureCode(error)));
  });
}

async function pacedLoad(job: Extract<LoadJob, { kind: 'paced' }>): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(job.url);
  const headers = { ...headersOf(job), 'content-length': String(Buffer.byteLength(job.body)) };
  const total = Math.round(job.rate * job.seconds);
  const latencies: number[] = [];
  const failuresByCode: Record<string, number> = {};
  const failureSamples: Record<string, string> = {};
  let failures = 0;

  const sendOne = () =>
    new Promise<void>((done) => {
      const sentAt = performance.now();
      const outgoing = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers,
          timeout: REQUEST_TIMEOUT_MS,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            const code = failureCode(response.statusCode ?? 0, body, job.expectedBody);
            if (code === undefined) latencies.push(performance.now() - sentAt);
            else {
              failures += 1;
              tally(failuresByCode, code);
              keepSample(failureSamples, code, body);
            }
            done();
          });
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
      outgoing.on('error', (error) => {
        failures += 1;
        tally(failuresByCode, transportFailureCode(error));
        done();
      });
      outgoing.end(job.body);
    });

  const startedAt = performance.now();
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - startedAt) / 1_000) * job.rate) + 1);
    for (; sent < due; sent += 1) inFlight.push(sendOne());
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const elapsedSeconds = (performance.now() - startedAt) / 1_000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / elapsedSeconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    failures,
    failuresByCode,
    failureSamples,
  };
}
