import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitState } from './circuitBreaker.ts';

function breakerAt(start = 0) {
  let now = start;
  const changes: CircuitState[] = [];
  const breaker = new CircuitBreaker(
    { failureThreshold: 3, openForMs: 1_000 },
    () => now,
    (state) => changes.push(state),
  );
  return { breaker, changes, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('stays closed while failures are not consecutive', () => {
    const { breaker } = breakerAt();
    for (const outcome of ['fail', 'fail', 'ok', 'fail', 'fail', 'ok'] as const) {
      expect(breaker.tryAcquire()).toBe(true);
      if (outcome === 'fail') breaker.recordFailure();
      else breaker.recordSuccess();
    }
    expect(breaker.state).toBe('closed');
  });

  it('opens after the threshold of consecutive failures and refuses calls while open', () => {
    const { breaker, changes, advance } = breakerAt();
    for (let i = 0; i < 3; i += 1) {
      breaker.tryAcquire();
      breaker.recordFailure();
    }
    expect(breaker.state).toBe('open');
    expect(changes).toEqual(['open']);
    advance(999);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it.each([
    { probe: 'succeeds', record: (b: CircuitBreaker) => b.recordSuccess(), then: 'closed' },
    { probe: 'fails', record: (b: CircuitBreaker) => b.recordFailure(), then: 'open' },
  ] as const)(
    'after the open period lets one probe through, and closes or reopens when it $probe',
    ({ record, then }) => {
      const { breaker, changes, advance } = breakerAt();
      for (let i = 0; i < 3; i += 1) breaker.recordFailure();
      advance(1_000);

      expect(breaker.tryAcquire()).toBe(true);
      expect(breaker.state).toBe('half-open');
      expect(breaker.tryAcquire()).toBe(false);
      record(breaker);

      expect(breaker.state).toBe(then);
      expect(changes).toEqual(['open', 'half-open', then]);
    },
  );

  it('waits the whole open period again after a failed probe', () => {
    const { breaker, advance } = breakerAt();
    for (let i = 0; i < 3; i += 1) breaker.recordFailure();
    advance(1_000);
    breaker.tryAcquire();
    breaker.recordFailure();
    advance(500);
    expect(breaker.tryAcquire()).toBe(false);
    advance(500);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('frees the probe slot when the probe ends without an answer', () => {
    const { breaker, advance } = breakerAt();
    for (let i = 0; i < 3; i += 1) breaker.recordFailure();
    advance(1_000);
    breaker.tryAcquire();
    breaker.release();
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
  });
});
