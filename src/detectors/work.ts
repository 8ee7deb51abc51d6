/**
 * The work meter: characters the detectors look at, counted where they look (one addition per
 * step of a scan, per regex search, per candidate checked; cheap enough to stay in production).
 * test/hostile/redos.test.ts reads it on 256 KB and 1 MB of every adversarial shape and requires
 * ×4 input to cost at most ~×5 work, so a scan that restarts from every hit shows up as ×16.
 *
 * A regex search is charged the span it covers, from where it starts to where its match ends (or
 * to the end of the text when it finds none). What the engine does inside that span is bounded by
 * the regex's shape: scanning regexes have bounded quantifiers only (checked by
 * test/hostile/regex-safety.test.ts), so a search costs at most a constant times its span.
 */
export const workMeter = { chars: 0 };

export function charge(chars: number): void {
  workMeter.chars += chars;
}

/** `text.matchAll(regex)` (regex global), charged the span of each search: the text once in all. */
export function* scanAll(regex: RegExp, text: string): Generator<RegExpExecArray> {
  let from = 0;
  for (const m of text.matchAll(regex)) {
    const end = m.index + m[0].length;
    charge(Math.max(end - from, 1));
    from = end;
    yield m as RegExpExecArray;
  }
  charge(text.length - from);
}

/** `regex` (global) searched from `from`, charged the span it covers. */
export function searchFrom(regex: RegExp, text: string, from: number): RegExpExecArray | null {
  regex.lastIndex = from;
  const m = regex.exec(text);
  charge(Math.max((m ? m.index + m[0].length : text.length) - from, 1));
  return m;
}

/**
 * The next position at or after `i` holding one of `stops` (text.length if none), for queries that
 * move forward: the answer to one query serves every later one before it, so over all queries
 * each character is looked at once. A query behind the last one would rescan (and be charged).
 */
export class ForwardSearch {
  private from = 0;
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly stops: string,
  ) {}

  next(i: number): number {
    if (i >= this.from && i <= this.found) return this.found;
    let j = i;
    while (j < this.text.length && !this.stops.includes(this.text[j]!)) j++;
    charge(j - i + 1);
    this.from = i;
    this.found = j;
    return j;
  }
}
