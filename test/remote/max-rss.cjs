// Preloaded into the CLI by the memory test: writes the process's peak RSS (KiB, all threads) on exit.
const { writeFileSync } = require('node:fs');
process.on('exit', () => writeFileSync(process.env.MAX_RSS_FILE, String(process.resourceUsage().maxRSS)));
