/**
 * tap builds its test class from the plugins .taprc names (tsx in place of its ts-node plugin, see
 * .taprc), and rebuilds it when they differ from the set in node_modules — after `npm ci`, tap's
 * defaults. But the run that rebuilds it has already chosen its test processes' loaders from the old
 * set: each of them then loads ts-node and tsx both, and the suite takes half as long again. So
 * `npm test` builds it first, when the two differ (`tap build`: 20 s of CPU, once per install).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { TapConfig } from '@tapjs/config';

const wanted = (await TapConfig.load()).pluginSignature;
// the built class's list, as tap's own check reads it (importing @tapjs/test outside a tap run fails)
const built = path.join(path.dirname(createRequire(import.meta.url).resolve('@tapjs/test/package.json')), 'test-built/dist/esm/index.js');
const signature = /^export const signature = `([^`]*)`;$/m.exec(readFileSync(built, 'utf8'))?.[1];
if (signature !== wanted) {
  console.error('tap-plugins: building tap for the plugins .taprc names (tap build)');
  const r = spawnSync('npx', ['tap', 'build'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
