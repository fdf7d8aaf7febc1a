export type Outcome<Result> =
  { readonly ok: true; readonly result: Result } | { readonly ok: false; readonly error: unknown };

interface Waiting<Request, Result> {
  readonly request: Request;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Collects the requests submitted during one turn of the event loop and hands them to `commitGroup`
 * together, on the next turn. `commitGroup` returns one outcome per request, or throws to fail them all.
 */
export class GroupCommit<Request, Result> {
  private waiting: Waiting<Request, Result>[] = [];
  private scheduled = false;

  constructor(
    private readonly commitGroup: (requests: readonly Request[]) => Outcome<Result>[],
    private readonly afterCommit: () => void,
  ) {}

  submit(request: Request): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  /** Commits whatever is waiting now, e.g. before the connection closes. */
  flush(): void {
    this.scheduled = false;
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 0) return;
    let outcomes: Outcome<Result>[];
    try {
      outcomes = this.commitGroup(group.map((waiting) => waiting.request));
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
      return;
    }
    group.forEach((waiting, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok === true) waiting.resolve(outcome.result);
      else waiting.reject(outcome?.error);
    });
    this.afterCommit();
  }
}
