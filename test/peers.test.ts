/** Every test file of test/peers/, in this one process (test/group.ts). */
import { runTestFolder } from './group.js';

await runTestFolder('peers');
