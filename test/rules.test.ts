/** Every test file of test/rules/, in this one process (test/group.ts). */
import { runTestFolder } from './group.js';

await runTestFolder('rules');
