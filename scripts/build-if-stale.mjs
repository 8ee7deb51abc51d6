/**
 * `npm test` builds first, but `npm ci` has just built (prepare) on a fresh clone; and `prepare`
 * itself runs twice when a checkout is installed as a package (pre-commit's hook install: `npm
 * install`, then `npm pack`): build again only when dist/ is older than what it is built from. The
 * bundle (dist/bundle/cli.cjs) is the build's
 * last output, written only when the compile and the bundle both succeed; anything under src/, the
 * tsconfigs, the bundle script, the manifest, the lockfile or the installed tree
 * (node_modules/.package-lock.json) changed after it, or a missing output, means `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(import.meta.dirname, '..');
const OUTPUTS = ['dist/bundle/cli.cjs', 'dist/index.js', 'dist/index.d.ts'];
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundle.mjs', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json'];

/** The latest modification time under `file` (a file, or a directory's files), 0 when it is missing. */
function newest(file) {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(file).reduce((latest, name) => Math.max(latest, newest(path.join(file, name))), stat.mtimeMs);
}

const built = Math.min(...OUTPUTS.map((file) => newest(path.join(ROOT, file)) || -1));
const changed = Math.max(...INPUTS.map((file) => newest(path.join(ROOT, file))));
if (built > changed) {
  console.error('build: dist/ is newer than its sources, not rebuilt (npm run build forces it)');
  process.exit(0);
}
const npm = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
process.exit(npm.status ?? 1);
