/** Every test file of test/formatters/, in this one process (test/group.ts). */
import { runTestFolder } from './group.js';

await runTestFolder('formatters');
