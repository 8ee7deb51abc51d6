/** The heavy test-only tools of test-tools/, installed by `npm test` (scripts/test-tools.mjs), not by `npm install`. */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Recheck } from '../src/config/regex-audit.js';
import { ROOT } from './fixture-data.js';

export const TEST_TOOLS = path.join(ROOT, 'test-tools');
/** require() from test-tools/: its node_modules, not the package's. */
export const requireTestTool = createRequire(path.join(TEST_TOOLS, 'package.json'));
export const MULTITOOL = path.join(TEST_TOOLS, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
export const recheck = (): Recheck => requireTestTool('recheck') as Recheck;
