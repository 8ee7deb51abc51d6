// Preloaded into the CLI by the memory test: writes the process's peak RSS (KiB, all threads) on exit.
// VmHWM is this address space's own peak; getrusage's maxRSS is not: on Linux it keeps the high
// mark from before exec, so a child forked from a large test process would report at least its size.
const { readFileSync, writeFileSync } = require('node:fs');
function peakKiB() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {}
  return process.resourceUsage().maxRSS;
}
process.on('exit', () => writeFileSync(process.env.MAX_RSS_FILE, String(peakKiB())));
