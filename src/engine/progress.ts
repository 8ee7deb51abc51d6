/**
 * Progress of a long scan: counts for `ScanOptions.onProgress`, and a renderer for a stream the
 * caller owns (the CLI's stderr). Nothing shows for scans shorter than a second; on a terminal one
 * line is redrawn and cleared at the end, elsewhere (a CI log, with --progress) a line now and then.
 */
import { artifactSize } from '../sources/index.js';

export interface ScanProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
  findings: number;
}

/** Counts progress over a scan's candidate files and reports it, at most every `everyMs`. */
export class ProgressTracker {
  private readonly state: ScanProgress;
  /** Bytes of finished files, and of the one being read. */
  private doneBytes = 0;
  private last = 0;

  constructor(
    files: readonly string[],
    private readonly report: (progress: ScanProgress) => void,
    private readonly everyMs = 100,
  ) {
    const totalBytes = files.reduce((sum, file) => sum + (artifactSize(file) ?? 0), 0);
    this.state = { files: 0, totalFiles: files.length, bytes: 0, totalBytes, findings: 0 };
  }

  /** An artifact is done (a static_index.html holds two). */
  artifact(bytes: number, findings: number): void {
    this.doneBytes += bytes;
    this.state.files++;
    this.state.bytes = Math.min(this.doneBytes, this.state.totalBytes);
    this.state.findings += findings;
    this.emit(true);
  }

  /** Bytes read so far of the file being streamed. */
  readonly reading = (bytes: number): void => {
    this.state.bytes = Math.min(this.doneBytes + bytes, this.state.totalBytes);
    this.emit(false);
  };

  private emit(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.last < this.everyMs) return;
    this.last = now;
    this.report({ ...this.state });
  }
}

export interface ProgressDisplay {
  update(progress: ScanProgress): void;
  /** The scan ended (or failed): clear the terminal line, or print the last counts once. */
  done(): void;
}

const MB = 1024 * 1024;

/**
 * Render progress to `write`. `terminal`: redraw one line (after `delayMs`), cleared by done();
 * otherwise print a line every `intervalMs` after the first `delayMs`, and a last one at done().
 */
export function progressDisplay(write: (text: string) => void, options: { terminal: boolean; label: string; delayMs?: number; intervalMs?: number }): ProgressDisplay {
  const started = performance.now();
  const delay = options.delayMs ?? 1000;
  const interval = options.terminal ? 100 : (options.intervalMs ?? 5000);
  let shown = false;
  let lastShown = 0;
  let latest: ScanProgress | undefined;
  const line = (p: ScanProgress) => {
    const percent = p.totalBytes > 0 ? ` (${Math.floor((100 * p.bytes) / p.totalBytes)} %)` : '';
    return `${options.label}: ${p.files}/${p.totalFiles} files, ${(p.bytes / MB).toFixed(1)}/${(p.totalBytes / MB).toFixed(1)} MB${percent}, ${p.findings} finding${p.findings === 1 ? '' : 's'}`;
  };
  const show = (p: ScanProgress) => {
    write(options.terminal ? `\r\x1b[K${line(p)}` : `${line(p)}\n`);
    shown = true;
    lastShown = performance.now();
  };
  return {
    update(p) {
      latest = p;
      const now = performance.now();
      if (now - started < delay || now - lastShown < interval) return;
      show(p);
    },
    done() {
      if (!shown) return;
      if (options.terminal) write('\r\x1b[K');
      else if (latest) show(latest);
    },
  };
}
