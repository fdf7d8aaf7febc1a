/**
 * The production build (`npm run build`, the image's build stage): `tsc -p tsconfig.build.json` compiles
 * the shipped packages to JavaScript under build/, each package's part then becomes its dist/ (which
 * the packages' `compiled` export condition points at: `node --conditions=compiled <package>/dist/main.js`),
 * and the build fails if test code made it in: tests, testing helpers or the policy test hooks.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const PACKAGES = [
  'kernel',
  'contracts',
  'platform',
  'subgraphs/identity',
  'subgraphs/policy',
  'subgraphs/claims',
  'subgraphs/support',
  'gateway',
];
const TEST_CODE = /(^|\/)(testing|testHooks|mainWithTestHooks)([/.])|[.]test[.]js$/;
const root = join(import.meta.dirname, '..');
const build = join(root, 'build');

rmSync(build, { recursive: true, force: true });
execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
for (const pkg of PACKAGES) {
  const dist = join(root, pkg, 'dist');
  rmSync(dist, { recursive: true, force: true });
  renameSync(join(build, pkg, 'src'), dist);
}
rmSync(build, { recursive: true, force: true });

const shipped = PACKAGES.flatMap((pkg) =>
  readdirSync(join(root, pkg, 'dist'), { recursive: true, encoding: 'utf8' }).map(
    (file) => `${pkg}/dist/${file}`,
  ),
);
const testCode = shipped.filter((file) => TEST_CODE.test(file));
if (testCode.length > 0) {
  console.error(`test code in the production build:\n${testCode.join('\n')}`);
  process.exit(1);
}
console.log(
  `built ${shipped.filter((file) => file.endsWith('.js')).length} files into ${PACKAGES.map((pkg) => relative(root, join(root, pkg, 'dist'))).join(', ')}`,
);
