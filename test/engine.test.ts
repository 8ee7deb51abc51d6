/** Every test file of test/engine/, in this one process (test/group.ts). */
import { runTestFolder } from './group.js';

await runTestFolder('engine');
