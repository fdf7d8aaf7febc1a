/**
 * Where a process's CPU time went, from a V8 profile (`node --cpu-prof`): self time by module (each file
 * under gateway/src or platform/src, each package under node_modules, Node's internals, the garbage
 * collector), and time spent under each of our files counting everything they call (a plugin's total).
 * A profile's times are on the machine's monotonic clock, the one `process.hrtime` reads in any process,
 * so a bench can keep only the samples taken while it measured.
 */
import { readFile } from 'node:fs/promises';

/** The parts of a `.cpuprofile` the summary reads. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string };
    readonly children?: readonly number[];
  }[];
  /** Microseconds on the monotonic clock. */
  readonly startTime: number;
  readonly samples: readonly number[];
  /** Microseconds since the previous sample; the first since the profile's start. */
  readonly timeDeltas: readonly number[];
}

export interface ModuleTime {
  readonly module: string;
  readonly ms: number;
}

/** A stretch of time on the monotonic clock, in microseconds (`process.hrtime.bigint() / 1000n`). */
export interface ProfileWindow {
  readonly fromUs: number;
  readonly toUs: number;
}

export interface ProfileSummary {
  /** Sampled time, idle included. */
  readonly totalMs: number;
  readonly idleMs: number;
  /** Self time by module, largest first; idle is left out. */
  readonly selfByModule: readonly ModuleTime[];
  /** Time with one of our files (gateway/src, platform/src) anywhere on the stack, largest first. */
  readonly underOurFiles: readonly ModuleTime[];
}

const OUR_SOURCE = /\/((?:gateway|platform)\/src\/.+)$/;
const NODE_MODULES = '/node_modules/';
const PACKAGE_NAME = /^(?:@[^/]+\/)?[^/]+/;
const IDLE = '(idle)';

/** The module a frame belongs to: `gateway/src/x.ts`, a package name, or what V8 calls it. */
export function moduleOf(callFrame: { readonly functionName: string; readonly url: string }): string {
  const { url, functionName } = callFrame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return '(node internals)';
  const path = decodeURIComponent(url.replace(/^file:\/\//, '')).replace(/[?#].*$/, '');
  const inPackages = path.lastIndexOf(NODE_MODULES);
  const packageName =
    inPackages === -1 ? undefined : PACKAGE_NAME.exec(path.slice(inPackages + NODE_MODULES.length))?.[0];
  if (packageName) return packageName;
  return OUR_SOURCE.exec(path)?.[1] ?? path;
}

/**
 * Each sample's time is the delta that follows it (V8 records the delta before each sample), the last
 * sample taking none: the usual reading, which DevTools shares.
 */
export function summariseCpuProfile(profile: CpuProfile, windows?: readonly ProfileWindow[]): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const ourFilesOnStack = new Map<number, Set<string>>();
  const ourFilesOf = (id: number): Set<string> => {
    const known = ourFilesOnStack.get(id);
    if (known) return known;
    const parent = parentOf.get(id);
    const files = new Set(parent === undefined ? [] : ourFilesOf(parent));
    const node = byId.get(id);
    if (node && OUR_SOURCE.test(node.callFrame.url)) files.add(moduleOf(node.callFrame));
    ourFilesOnStack.set(id, files);
    return files;
  };

  const self = new Map<string, number>();
  const under = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  let sampledAtUs = profile.startTime;
  const inWindows = (us: number) =>
    windows === undefined || windows.some((window) => us >= window.fromUs && us <= window.toUs);
  profile.samples.forEach((id, index) => {
    sampledAtUs += profile.timeDeltas[index] ?? 0;
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1_000;
    const node = byId.get(id);
    if (!node || !inWindows(sampledAtUs)) return;
    totalMs += ms;
    const module = moduleOf(node.callFrame);
    if (module === IDLE) {
      idleMs += ms;
      return;
    }
    self.set(module, (self.get(module) ?? 0) + ms);
    for (const file of ourFilesOf(id)) under.set(file, (under.get(file) ?? 0) + ms);
  });
  const largestFirst = (times: Map<string, number>): ModuleTime[] =>
    [...times].map(([module, ms]) => ({ module, ms })).sort((a, b) => b.ms - a.ms);
  return { totalMs, idleMs, selfByModule: largestFirst(self), underOurFiles: largestFirst(under) };
}

export async function summariseCpuProfileFile(
  file: string,
  windows?: readonly ProfileWindow[],
): Promise<ProfileSummary> {
  return summariseCpuProfile(JSON.parse(await readFile(file, 'utf8')) as CpuProfile, windows);
}

/** The summary as the bench prints it: the `top` largest of each list, with shares of the busy time. */
export function formatProfileSummary(summary: ProfileSummary, top = 25): string {
  const busyMs = summary.totalMs - summary.idleMs;
  const row = ({ module, ms }: ModuleTime) =>
    `  ${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / busyMs).toFixed(1).padStart(5)} %  ${module}`;
  return [
    `sampled ${summary.totalMs.toFixed(0)} ms, idle ${summary.idleMs.toFixed(0)} ms, busy ${busyMs.toFixed(0)} ms`,
    'self time by module (share of busy time):',
    ...summary.selfByModule.slice(0, top).map(row),
    'time under our files, callees included (a plugin is its file):',
    ...summary.underOurFiles.slice(0, top).map(row),
  ].join('\n');
}
