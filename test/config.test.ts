/** Every test file of test/config/, in this one process (test/group.ts). */
import { runTestFolder } from './group.js';

await runTestFolder('config');
