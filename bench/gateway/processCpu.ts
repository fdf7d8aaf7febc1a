import { readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ on every mainstream build). */
const MS_PER_TICK = 10;

/**
 * CPU time (user + system) a process has used so far, read from /proc. Throughput on a busy shared
 * machine moves with the neighbours' load; CPU per request does not, so it says which side is costlier.
 */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name in parentheses may contain spaces; the numeric fields follow the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}
