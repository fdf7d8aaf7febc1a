import { readFileSync } from 'node:fs';

/** Resident memory (KiB) of a process, read from /proc by its PID. */
export function residentKiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
}

/** How many descriptors a process of this machine may open (children inherit the limit). */
export function openFilesLimit(): number {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  return Number(/Max open files\s+(\d+)/.exec(limits)?.[1] ?? 1024);
}

/** The growth of resident memory between two readings, per participant, in KiB with one decimal. */
export function kibPer(before: number, after: number, participants: number): string {
  return ((after - before) / participants).toFixed(1);
}
