/**
 * `npm run bench`: runs every benchmark in bench/<name>/index.ts, one after another, each in its own
 * process so they do not disturb each other. `npm run bench -- eventstore` runs only the named ones;
 * arguments after the names' `--` go to each of them (`npm run bench -- support -- --smoke`).
 * bench/kit, without an index.ts, holds what benchmarks share.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const separator = process.argv.indexOf('--', 2);
const wanted = process.argv.slice(2, separator === -1 ? undefined : separator);
const passed = separator === -1 ? [] : process.argv.slice(separator + 1);
const entries = await readdir(benchDir, { withFileTypes: true });
const available = entries
  .filter((entry) => entry.isDirectory() && existsSync(`${benchDir}${entry.name}/index.ts`))
  .map((entry) => entry.name)
  .sort();
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`no benchmark ${unknown.join(', ')}; there are: ${available.join(', ')}\n`);
  process.exit(2);
}
const benches = available.filter((name) => wanted.length === 0 || wanted.includes(name));

let failed = 0;
for (const name of benches) {
  process.stdout.write(`\n=== bench/${name}\n`);
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${benchDir}${name}/index.ts`, ...passed], {
      stdio: 'inherit',
    });
    child.once('exit', resolve);
  });
  if (code !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
