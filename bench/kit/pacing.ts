export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Calls `act` `perSecond` times a second for `seconds`, in tenth-of-a-second ticks that catch up when a
 * tick comes late, then waits for every piece of work it started. Returns the seconds it actually took.
 */
export async function paced(
  perSecond: number,
  seconds: number,
  act: () => Promise<unknown> | undefined,
): Promise<number> {
  const started = performance.now();
  const pending: Promise<unknown>[] = [];
  let acted = 0;
  for (;;) {
    const elapsed = performance.now() - started;
    if (elapsed >= seconds * 1_000) break;
    const due = Math.floor((perSecond * elapsed) / 1_000);
    while (acted < due) {
      const work = act();
      if (work !== undefined) pending.push(work);
      acted += 1;
    }
    await sleep(100 - (elapsed % 100));
  }
  const drove = (performance.now() - started) / 1_000;
  await Promise.all(pending);
  return drove;
}
