import { DomainError } from '@cabinet/kernel';
import { describe, expect, it } from 'vitest';
import { HashQueue, RequestAbandoned } from './hashQueue.ts';

const CLIENT = '203.0.113.7';

/** Work that finishes when the test says so, and records that it started. */
function heldWork(started: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<string>((resolve) => (finish = () => resolve(name)));
  return { work: () => (started.push(name), done), finish };
}

describe('the queue in front of secret hashing', () => {
  it('runs up to its concurrency, queues up to its length, and refuses the rest at once', async () => {
    const queue = new HashQueue({ concurrency: 1, queueLength: 1, perClient: 2 });
    const started: string[] = [];
    const first = heldWork(started, 'first');
    const second = heldWork(started, 'second');
    const running = queue.run(CLIENT, first.work);
    const waiting = queue.run(CLIENT, second.work);
    const refused = queue.run(CLIENT, heldWork(started, 'third').work);

    await expect(refused).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      details: { retryAfterSeconds: 1 },
    });
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    expect(started).toEqual(['first']);
    first.finish();
    await expect(running).resolves.toBe('first');
    second.finish();
    await expect(waiting).resolves.toBe('second');
    expect(started).toEqual(['first', 'second']);
  });

  it('drops waiting work whose request was aborted, and frees its place', async () => {
    const queue = new HashQueue({ concurrency: 1, queueLength: 1, perClient: 2 });
    const started: string[] = [];
    const first = heldWork(started, 'first');
    const running = queue.run(CLIENT, first.work);
    const client = new AbortController();
    const abandoned = queue.run(CLIENT, heldWork(started, 'abandoned').work, client.signal);
    client.abort();
    await expect(abandoned).rejects.toBeInstanceOf(RequestAbandoned);

    const next = heldWork(started, 'next');
    const queued = queue.run(CLIENT, next.work);
    first.finish();
    await running;
    next.finish();
    await expect(queued).resolves.toBe('next');
    expect(started).toEqual(['first', 'next']);
    await expect(queue.run(CLIENT, heldWork(started, 'late').work, client.signal)).rejects.toBeInstanceOf(
      RequestAbandoned,
    );
  });

  it('gives one client only its share of the places, so another client still gets one', async () => {
    const queue = new HashQueue({ concurrency: 1, queueLength: 1, perClient: 1 });
    const started: string[] = [];
    const flood = heldWork(started, 'flood');
    const running = queue.run(CLIENT, flood.work);
    await expect(queue.run(CLIENT, heldWork(started, 'more').work)).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });
    const colleague = heldWork(started, 'colleague');
    const waiting = queue.run('198.51.100.20', colleague.work);
    flood.finish();
    await running;
    colleague.finish();
    await expect(waiting).resolves.toBe('colleague');
    const again = heldWork(started, 'again');
    const later = queue.run(CLIENT, again.work);
    again.finish();
    await expect(later).resolves.toBe('again');
  });
});
