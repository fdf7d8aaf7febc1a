import { describe, expect, it } from 'vitest';
import { GroupCommit, type Outcome } from './groupCommit.ts';

describe('GroupCommit', () => {
  it('commits what is submitted in one turn of the event loop together, settling each on its own outcome', async () => {
    const groups: number[][] = [];
    let commits = 0;
    const group = new GroupCommit<number, string>(
      (requests) => {
        groups.push([...requests]);
        return requests.map((n): Outcome<string> =>
          n % 2 === 0 ? { ok: true, result: `even ${n}` } : { ok: false, error: n },
        );
      },
      () => (commits += 1),
    );

    const first = await Promise.allSettled([1, 2, 3, 4].map((n) => group.submit(n)));
    const second = await group.submit(6);

    expect(groups).toEqual([[1, 2, 3, 4], [6]]);
    expect(first).toEqual([
      { status: 'rejected', reason: 1 },
      { status: 'fulfilled', value: 'even 2' },
      { status: 'rejected', reason: 3 },
      { status: 'fulfilled', value: 'even 4' },
    ]);
    expect(second).toBe('even 6');
    expect(commits).toBe(2);
  });

  it('fails every request of a group whose commit throws, and keeps working afterwards', async () => {
    let failing = true;
    const group = new GroupCommit<number, number>(
      (requests) => {
        if (failing) throw new Error('disk I/O error');
        return requests.map((n) => ({ ok: true, result: n }));
      },
      () => undefined,
    );

    const failed = await Promise.allSettled([1, 2].map((n) => group.submit(n)));
    failing = false;

    expect(failed.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(await group.submit(3)).toBe(3);
  });

  it('commits at once on flush, without waiting for the next turn', async () => {
    const committed: number[] = [];
    const group = new GroupCommit<number, number>(
      (requests) => {
        committed.push(...requests);
        return requests.map((n) => ({ ok: true, result: n }));
      },
      () => undefined,
    );

    const pending = group.submit(7);
    group.flush();

    expect(committed).toEqual([7]);
    expect(await pending).toBe(7);
  });
});
