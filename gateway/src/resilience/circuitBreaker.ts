export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerSettings {
  /** Consecutive failed calls that open the circuit. */
  readonly failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one probe through. */
  readonly openForMs: number;
}

/**
 * Closed: calls pass and consecutive failures are counted. Open: calls are refused at once, so a dead
 * subgraph costs the caller nothing and gets no load while it restarts. Half-open: one probe call
 * passes; its success closes the circuit, its failure opens it again.
 */
export class CircuitBreaker {
  #state: CircuitState = 'closed';
  #consecutiveFailures = 0;
  #openedAt = 0;
  #probeInFlight = false;

  constructor(
    private readonly settings: CircuitBreakerSettings,
    private readonly now: () => number,
    private readonly onStateChange: (state: CircuitState) => void = () => {},
  ) {}

  get state(): CircuitState {
    return this.#state;
  }

  /** Whether a call may go out now; a `true` must be followed by exactly one record or release. */
  tryAcquire(): boolean {
    switch (this.#state) {
      case 'closed':
        return true;
      case 'open':
        if (this.now() - this.#openedAt < this.settings.openForMs) return false;
        this.#moveTo('half-open');
        this.#probeInFlight = true;
        return true;
      case 'half-open':
        if (this.#probeInFlight) return false;
        this.#probeInFlight = true;
        return true;
      default: {
        const _exhaustive: never = this.#state;
        return _exhaustive;
      }
    }
  }

  recordSuccess(): void {
    this.#consecutiveFailures = 0;
    this.#probeInFlight = false;
    if (this.#state !== 'closed') this.#moveTo('closed');
  }

  recordFailure(): void {
    this.#probeInFlight = false;
    this.#consecutiveFailures += 1;
    if (
      this.#state === 'half-open' ||
      (this.#state === 'closed' && this.#consecutiveFailures >= this.settings.failureThreshold)
    ) {
      this.#openedAt = this.now();
      this.#moveTo('open');
    }
  }

  /** The call ended without telling anything about the subgraph (the client went away). */
  release(): void {
    this.#probeInFlight = false;
  }

  #moveTo(state: CircuitState): void {
    this.#state = state;
    this.onStateChange(state);
  }
}
