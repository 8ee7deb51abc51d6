/** Every test file of test/findings/, in this one process (test/group.ts). */
import { runTestFolder } from './group.js';

await runTestFolder('findings');
