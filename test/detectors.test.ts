/** Every test file of test/detectors/, in this one process (test/group.ts). */
import { runTestFolder } from './group.js';

await runTestFolder('detectors');
