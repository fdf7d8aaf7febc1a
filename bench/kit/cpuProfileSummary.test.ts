import { describe, expect, it } from 'vitest';
import { moduleOf, summariseCpuProfile, type CpuProfile } from './cpuProfileSummary.ts';

const ROOT = 'file:///work/repo';
const frame = (url: string, functionName = 'f') => ({ functionName, url });

describe('a CPU profile summary', () => {
  it('names a module by our source file, by package, or as V8 and Node call it', () => {
    expect(moduleOf(frame(`${ROOT}/gateway/src/telemetry/useTracing.ts`))).toBe(
      'gateway/src/telemetry/useTracing.ts',
    );
    expect(moduleOf(frame(`${ROOT}/platform/src/auth/accessTokens.ts`))).toBe(
      'platform/src/auth/accessTokens.ts',
    );
    expect(moduleOf(frame(`${ROOT}/node_modules/@graphql-hive/gateway-runtime/dist/index.js`))).toBe(
      '@graphql-hive/gateway-runtime',
    );
    expect(moduleOf(frame(`${ROOT}/node_modules/a/node_modules/graphql/execution/execute.js`))).toBe(
      'graphql',
    );
    expect(moduleOf(frame('node:internal/streams/readable'))).toBe('(node internals)');
    expect(moduleOf(frame('', '(garbage collector)'))).toBe('(garbage collector)');
    expect(moduleOf(frame('', 'JSON.parse'))).toBe('(native)');
  });

  it('gives each module its self time, and each of our files the time of everything it calls', () => {
    // root → gateway plugin → graphql; root → idle. Sample i lasts the delta that follows it.
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('', '(root)'), children: [2, 4] },
        { id: 2, callFrame: frame(`${ROOT}/gateway/src/limits/operationLimits.ts`), children: [3] },
        { id: 3, callFrame: frame(`${ROOT}/node_modules/graphql/validation/validate.js`) },
        { id: 4, callFrame: frame('', '(idle)') },
      ],
      startTime: 50_000,
      samples: [2, 3, 3, 4, 2],
      timeDeltas: [0, 1_000, 2_000, 3_000, 4_000],
    };

    const summary = summariseCpuProfile(profile);

    expect(summary.totalMs).toBe(10);
    expect(summary.idleMs).toBe(4);
    expect(summary.selfByModule).toEqual([
      { module: 'graphql', ms: 5 },
      { module: 'gateway/src/limits/operationLimits.ts', ms: 1 },
    ]);
    expect(summary.underOurFiles).toEqual([{ module: 'gateway/src/limits/operationLimits.ts', ms: 6 }]);
  });

  it('keeps only the samples taken inside the given windows of the monotonic clock', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('', '(root)'), children: [2, 3] },
        { id: 2, callFrame: frame(`${ROOT}/node_modules/tsx/dist/loader.mjs`) },
        { id: 3, callFrame: frame(`${ROOT}/node_modules/graphql/execution/execute.js`) },
      ],
      startTime: 1_000_000,
      // Start-up (tsx) at 1.000 s and 1.001 s, then the measured work at 2.000 s and 2.001 s.
      samples: [2, 2, 3, 3, 3],
      timeDeltas: [0, 1_000, 999_000, 1_000, 1_000],
    };

    const summary = summariseCpuProfile(profile, [{ fromUs: 2_000_000, toUs: 2_001_000 }]);

    expect(summary.selfByModule).toEqual([{ module: 'graphql', ms: 2 }]);
  });
});
