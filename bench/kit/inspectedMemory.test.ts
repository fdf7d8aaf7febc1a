import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { INSPECTED_ENV, inspectorAddress, InspectorSession, isInspectorNotice } from './inspectedMemory.ts';

describe('memory read over the inspector', () => {
  it('tells Node’s own lines about its inspector from the process’s', () => {
    expect(isInspectorNotice('Debugger listening on ws://127.0.0.1:40123/0f1e')).toBe(true);
    expect(isInspectorNotice('For help, see: https://nodejs.org/en/docs/inspector')).toBe(true);
    expect(isInspectorNotice('Debugger attached.')).toBe(true);
    expect(isInspectorNotice('{"level":"error","msg":"Debugger listening"}')).toBe(false);
  });

  it('reads a process’s memory after a full collection, and samples what it allocates', async () => {
    // A process that keeps a megabyte of arrays alive once it is told to (a line on its stdin).
    const child = spawn(
      process.execPath,
      [
        '-e',
        `globalThis.kept = [];
        process.stdin.once('data', () => {
          for (let i = 0; i < 1024; i++) globalThis.kept.push(Array.from({ length: 128 }, (_, j) => i + j));
          console.log('grown');
        });`,
      ],
      { env: { ...process.env, ...INSPECTED_ENV }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const printed: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => printed.push(line));
    const grown = new Promise<void>((resolve) =>
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line === 'grown') resolve();
      }),
    );
    try {
      const session = await InspectorSession.open(await inspectorAddress(() => printed));
      try {
        const before = await session.memoryAfterGc();
        expect(before.heapKiB).toBeGreaterThan(0);
        expect(before.rssKiB).toBeGreaterThan(before.heapKiB);
        await session.startHeapSampling();
        child.stdin.write('grow\n');
        await grown;
        const after = await session.memoryAfterGc();
        expect(after.heapKiB - before.heapKiB).toBeGreaterThan(1_000);
        const profile = JSON.parse(await session.heapSamplingProfile()) as { head: { children: unknown[] } };
        expect(profile.head.children.length).toBeGreaterThan(0);
      } finally {
        session.close();
      }
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});
