import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Resident memory (KiB) of a process, read from /proc by its PID. */
export function residentKiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
}

/** How many descriptors this process may open, soft and hard limits (children inherit them). */
export function openFilesLimits(): { readonly soft: number; readonly hard: number } {
  const limits = /Max open files\s+(\d+)\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'));
  return { soft: Number(limits?.[1] ?? 1024), hard: Number(limits?.[2] ?? 1024) };
}

/**
 * Raises this process's open-files limit to `wanted` with util-linux's prlimit (Node has no setrlimit),
 * for the processes it starts afterwards: the soft limit up to the hard one always, the hard one only
 * where the user may (CAP_SYS_RESOURCE). Returns the soft limit in force afterwards and, when it is
 * still short, why.
 */
export function raiseOpenFilesLimit(wanted: number): { readonly limit: number; readonly refused?: string } {
  const { soft, hard } = openFilesLimits();
  if (soft >= wanted) return { limit: soft };
  const raise = (to: number) =>
    spawnSync('prlimit', [`--pid=${process.pid}`, `--nofile=${to}:${Math.max(to, hard)}`], {
      encoding: 'utf8',
    });
  const refused = raise(wanted);
  if (openFilesLimits().soft < wanted && hard > soft) raise(hard);
  const limit = openFilesLimits().soft;
  return limit >= wanted ? { limit } : { limit, refused: (refused.stderr || String(refused.error)).trim() };
}

/** The growth of resident memory between two readings, per participant, in KiB with one decimal. */
export function kibPer(before: number, after: number, participants: number): string {
  return ((after - before) / participants).toFixed(1);
}
