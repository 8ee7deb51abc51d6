/** Every test file of test/artifacts/, in this one process (test/group.ts). */
import { runTestFolder } from './group.js';

await runTestFolder('artifacts');
