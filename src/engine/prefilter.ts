/**
 * One combined keyword scan decides which detectors run on a value at all: most strings in a
 * manifest contain none of the keywords, and then no detector regex runs.
 */
import type { Detector } from '../types.js';

export class DetectorSet {
  /** Detectors without keywords: they run on every value. */
  private readonly always: Detector[] = [];
  private readonly keywordRegex: RegExp | undefined;
  /** For each keyword, the detectors that need it or any keyword contained in it. */
  private readonly byKeyword = new Map<string, Detector[]>();
  readonly detectors: readonly Detector[];

  constructor(detectors: readonly Detector[]) {
    this.detectors = detectors;
    const keywords = new Set<string>();
    for (const d of detectors) {
      if (d.keywords.length === 0) this.always.push(d);
      for (const k of d.keywords) keywords.add(k.toLowerCase());
    }
    for (const k of keywords) {
      // a keyword found also triggers detectors whose keyword is inside it ("sk_live" contains "sk_")
      this.byKeyword.set(k, detectors.filter((d) => d.keywords.some((dk) => k.includes(dk.toLowerCase()))));
    }
    if (keywords.size > 0) {
      const alternatives = [...keywords].sort((a, b) => b.length - a.length).map(escapeRegex);
      this.keywordRegex = new RegExp(alternatives.join('|'), 'gi');
    }
  }

  /** The detectors to run on `value`, in registry order. */
  select(value: string): Detector[] {
    const re = this.keywordRegex;
    if (!re) return this.always;
    re.lastIndex = 0;
    let hit: Set<Detector> | undefined;
    for (let m = re.exec(value); m !== null; m = re.exec(value)) {
      const found = this.byKeyword.get(m[0].toLowerCase());
      if (found) {
        hit ??= new Set(this.always);
        for (const d of found) hit.add(d);
      }
      re.lastIndex = m.index + 1; // overlapping keywords: "xoxb-" may start inside another match
    }
    if (!hit) return this.always;
    return this.detectors.filter((d) => hit.has(d));
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
