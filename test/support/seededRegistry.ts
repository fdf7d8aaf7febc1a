/**
 * The demo registry, seeded once per run and date and copied into each test system's data directory:
 * seeding takes a few CPU-seconds, a copy milliseconds, and a run starts dozens of systems.
 */
import { cp, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoData } from '@cabinet/seed';
import { inject } from 'vitest';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * Under vitest, the run's directory (test/support/leftoverProcesses.ts provides it); the benchmarks, which
 * start test systems outside vitest, keep theirs in one directory that later bench runs reuse.
 */
const registriesDir = (): string =>
  process.env['VITEST'] ? inject('seededRegistries') : join(tmpdir(), 'cabinet-bench-registries');

/** Fills `dataDir` with the demo registry as of `asOf`, as `npm start`'s seeding step would. */
export async function copySeededRegistry(dataDir: string, asOf: Date): Promise<void> {
  const registries = registriesDir();
  const template = join(registries, asOf.toISOString().replaceAll(':', '-'));
  if (!(await exists(template))) {
    await mkdir(registries, { recursive: true });
    // Two workers may seed the same date at once: each into its own directory, the first rename wins.
    const staging = await mkdtemp(`${template}.staging-`);
    await seedDemoData({ dataDir: staging, asOf, claims: false });
    await rename(staging, template).catch(async (error: unknown) => {
      await rm(staging, { recursive: true, force: true });
      if (!(await exists(template))) throw error;
    });
  }
  await cp(template, dataDir, { recursive: true });
}
