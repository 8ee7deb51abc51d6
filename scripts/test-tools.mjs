/**
 * Install the test-only tools of test-tools/ (SARIF multitool and schema, recheck, the cloud SDKs,
 * s3rver and Azurite, puppeteer-core) from their own lockfile, on demand: `npm test` runs this
 * first. They are not devDependencies so that what `npm install` pulls for a pre-commit hook stays
 * small. Does nothing when the installed tree
 * already matches the lockfile; a failed install exits 1, so the tests fail rather than skip.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.join(import.meta.dirname, '..', 'test-tools');
const STAMP = path.join(DIR, 'node_modules', '.installed-from');
const lockHash = createHash('sha256').update(readFileSync(path.join(DIR, 'package-lock.json'))).digest('hex');

if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === lockHash) process.exit(0);

console.error('test-tools: installing the test-only tools (npm ci --prefix test-tools)');
// --prefer-offline: the lockfile pins each version and its integrity, so npm's cached metadata does
// (without it npm asks the registry again about each of the ~600 packages)
const npm = spawnSync('npm', ['ci', '--prefix', DIR, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel', 'error'], { stdio: 'inherit' });
if (npm.status !== 0) {
  console.error('test-tools: the install failed: tests that need the SARIF multitool, recheck, the cloud SDKs, the local object stores or puppeteer-core cannot run');
  process.exit(1);
}
writeFileSync(STAMP, lockHash);
