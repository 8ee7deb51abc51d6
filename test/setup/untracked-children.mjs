/**
 * Loaded into every test process after tap's own hooks (.taprc, node-arg). tap loads
 * @tapjs/processinfo into each test process, and processinfo passes itself on to every process a
 * test starts: an `--import` in NODE_OPTIONS (added by a hook on spawn, and in this process's own
 * environment) that, on Node 20, runs a module loader on a thread of its own and records each file
 * the child loads. That is for coverage and `tap --changed`, neither of which this project uses
 * (.taprc: disable-coverage), and every child paid for it: `node -e 0` took 0.65 s of CPU instead
 * of 0.17 on a loaded machine, a scan of the clean sample 3.0 s instead of 2.3 — and the tests
 * start hundreds of children (the CLI, npm and the build it runs, the S3 and Azure servers).
 * Without it they start as they do for a user. This process keeps its own tracking (processinfo
 * read its settings when it loaded).
 */
import { createRequire } from 'node:module';

const fromProcessinfo = createRequire(createRequire(import.meta.url).resolve('@tapjs/processinfo'));
// process-on-spawn keeps its listeners in one global table: this clears processinfo's, whichever copy added it
fromProcessinfo('process-on-spawn').removeAllListeners();

// and children that inherit this environment: no processinfo import in NODE_OPTIONS, none of its settings
const env = process.env;
const options = (env.NODE_OPTIONS ?? '').replace(/"?--(?:import|loader|experimental-loader)[= ]"?[^\s"]*@tapjs[\\/]processinfo[^\s"]*"?/g, '').trim();
if (options === '') delete env.NODE_OPTIONS;
else env.NODE_OPTIONS = options;
for (const name of Object.keys(env)) if (name.startsWith('_TAPJS_PROCESSINFO_')) delete env[name];
