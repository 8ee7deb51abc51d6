/**
 * Where redact puts each mask, and what mask, decided in one read of a file before its copy is written: the copy is
 * then written as the file is read again, a block at a time (a manifest may be larger than a string can be).
 */
import type { Finding } from '../types.js';
import { isSecretKey } from '../findings/preview.js';
import { joinOwn } from '../util/strings.js';

export const MASK = '*****';

/** What redaction reads of a finding: its span of the text (UTF-16 units after a byte order mark). */
export type Span = Pick<Finding, 'charOffset' | 'charLength'>;

/** text[start, end) replaced by `text`. */
export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** A JSON artifact's masks, and its secret keys: every quoted occurrence of one (`"ghp_…"`) to write as its renaming. */
export interface JsonPlan {
  replacements: Replacement[];
  renamedKeys: Map<string, string>;
}

/**
 * The spans masked as one pass over the text would mask them, first to last: spans that overlap are masked as one,
 * from the first one's start to the furthest end, with the first one's mask. `end` is where the first one itself ends.
 */
function firstOfEach(spans: readonly Span[]): { start: number; ownEnd: number; end: number }[] {
  const heads: { start: number; ownEnd: number; end: number }[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.charOffset - b.charOffset || b.charLength - a.charLength)) {
    const end = s.charOffset + s.charLength;
    if (s.charOffset < at) {
      at = Math.max(at, end);
      heads.at(-1)!.end = at;
      continue;
    }
    heads.push({ start: s.charOffset, ownEnd: end, end });
    at = end;
  }
  return heads;
}

/** Each span masked with `*****`, spans that overlap as one. */
export function plainMasks(spans: readonly Span[]): Replacement[] {
  return firstOfEach(spans).map((h) => ({ start: h.start, end: h.end, text: MASK }));
}

/**
 * A rendered model's or a log's masks: each span widened to whole escapes. A log written as JSON lines holds a secret's
 * `\"` as two characters, and a span that ended between them (a value read up to a quote) left `\*****"`, a line that
 * is JSON no longer (red team 69). In a rendered model a backslash is itself: the mask takes a character more.
 */
export function textPlan(text: Iterable<string>, spans: readonly Span[]): Replacement[] {
  // what a span's ends need: whether an odd run of backslashes stands right before, and the character there
  const points = [...new Set(spans.flatMap((s) => [s.charOffset, s.charOffset + s.charLength]))].sort((a, b) => a - b);
  const oddBefore = new Map<number, boolean>();
  const charAt = new Map<number, number>();
  let k = 0;
  let run = 0;
  let pos = 0;
  for (const block of text) {
    for (let i = 0; i < block.length; i++) {
      const c = block.charCodeAt(i);
      for (; points[k] === pos + i; k++) {
        oddBefore.set(pos + i, run % 2 === 1);
        charAt.set(pos + i, c);
      }
      run = c === 92 ? run + 1 : 0;
    }
    pos += block.length;
  }
  for (; k < points.length; k++) oddBefore.set(points[k]!, points[k] === pos && run % 2 === 1);
  const widened = spans.map((s) => {
    const start = oddBefore.get(s.charOffset) ? s.charOffset - 1 : s.charOffset;
    let end = s.charOffset + s.charLength;
    if (end > start && oddBefore.get(end)) end += charAt.get(end) === 117 /* u */ ? 5 : 1;
    end = Math.min(end, pos);
    return { charOffset: start, charLength: end - start };
  });
  return plainMasks(widened);
}

/**
 * A JSON artifact's masks. A number under a secret-named key becomes the masked string "*****": same place, still
 * valid JSON. A secret in an object's key becomes "*****key-N", distinct per key, so the object keeps its members;
 * every other occurrence of a key that is itself a secret (a token pasted as a map key) is renamed alike, numbered
 * after the findings in the order JSON.parse's object would give its keys depth first, later members first. The
 * string a cut left open is masked whole: a secret cut in two is part of one, and no detector reads it so (red team 75;
 * runRedact now copies no file cut short, red team 95: this stays, so that no plan leaves such a string as it is).
 */
export function jsonPlan(text: Iterable<string>, spans: readonly Span[]): JsonPlan {
  const heads = firstOfEach(spans);
  const survey = new JsonSurvey(
    heads.map((h) => h.start),
    heads.map((h) => h.ownEnd),
  );
  for (const block of text) survey.read(block);
  const { outsideString, inKey, openString, length } = survey.finish();
  let masks = heads.map((h, k) => ({ ...h, inKey: inKey[k]!, outsideString: outsideString[k]! }));
  if (openString >= 0 && openString + 1 < length) {
    // the open string's mask takes in the spans in it (masked alike: no key, no number) or the one that runs into it
    const cutFrom = openString + 1;
    masks = masks.filter((m) => m.start < cutFrom);
    const last = masks.at(-1);
    if (last && last.end > cutFrom) last.end = length;
    else masks.push({ start: cutFrom, ownEnd: length, end: length, inKey: false, outsideString: false });
  }
  let n = 0;
  // (a secret in a key is masked with a number of its own: two keys masked alike would be one key twice)
  const replacements = masks.map((m) => ({ start: m.start, end: m.end, text: m.inKey ? `${MASK}key-${++n}` : m.outsideString ? `"${MASK}"` : MASK }));
  const renamedKeys = new Map<string, string>();
  for (const key of survey.secretKeys()) renamedKeys.set(JSON.stringify(key), JSON.stringify(`${MASK}key-${++n}`));
  return { replacements, renamedKeys };
}

/** An object or an array open at the place read; `ordinal` is its place among its parent's members (see order). */
interface Container {
  object: boolean;
  ordinal: number;
  /** members or elements so far */
  count: number;
  /** the ordinal of the member being read (an object's) */
  member: number;
  expectKey: boolean;
}

/** Where a key stands: the ordinals of the containers it is in below the document's, then its own. */
type KeyPlace = number[];

/**
 * A JSON text read once, a block at a time, with as little state as JSON's grammar needs: whether each span starts
 * outside a string, whether each span ends in a key (a string a `:` follows), where a string the text ends in opens,
 * and the document's keys that read as secrets, each at its first place in the order JSON.parse's objects give.
 */
class JsonSurvey {
  private pos = 0;
  private inString = false;
  private escaped = false;
  private openedAt = -1;
  private readonly containers: Container[] = [];
  /** the key being read, in pieces (a string in a key's place: no other string is kept) */
  private keyPieces: string[] | undefined;
  /** the spans that end in the string being read, or in the one just closed until what follows it is seen */
  private endingHere: number[] = [];
  /** a string just closed: whether a `:` follows is still unseen */
  private closed: { ends: number[]; key: string[] | undefined } | undefined;
  private nextStart = 0;
  private nextEnd = 0;
  /** the place of the next span's start or end (a field: it is compared at every character) */
  private next: number;
  private readonly byEnd: number[];
  readonly outsideString: boolean[];
  readonly inKey: boolean[];
  private readonly keys = new Map<string, KeyPlace>();

  constructor(
    private readonly starts: readonly number[],
    private readonly ends: readonly number[],
  ) {
    this.byEnd = ends.map((_, k) => k).sort((a, b) => ends[a]! - ends[b]!);
    this.outsideString = starts.map(() => false);
    this.inKey = ends.map(() => false);
    this.next = this.nextProbe();
  }

  read(block: string): void {
    const n = block.length;
    let keyFrom = 0;
    // where the next quote and the next backslash are: most of a manifest is the inside of strings, passed at once
    let quote = -1;
    let backslash = -1;
    for (let i = 0; i < n; i++) {
      if (this.pos + i === this.next) this.probe(this.pos + i);
      if (this.inString && !this.escaped) {
        if (quote < i) quote = indexOr(block, '"', i, n);
        if (backslash < i) backslash = indexOr(block, '\\', i, n);
        const to = Math.min(quote, backslash, this.next - this.pos);
        if (to > i) {
          i = to - 1;
          continue;
        }
      }
      const c = block.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) {
          this.inString = false;
          if (this.keyPieces) this.keyPieces.push(block.slice(keyFrom, i));
          this.closed = { ends: this.endingHere, key: this.keyPieces };
          this.endingHere = [];
          this.keyPieces = undefined;
        }
        continue;
      }
      if (this.closed) {
        if (c === 32 || c === 9 || c === 10 || c === 13) continue;
        this.afterString(c === 58);
      }
      const top = this.containers.at(-1);
      if (c === 34) {
        this.inString = true;
        this.openedAt = this.pos + i;
        if (top?.object && top.expectKey) {
          this.keyPieces = [];
          keyFrom = i + 1;
          top.expectKey = false;
        }
      } else if (c === 123 || c === 91) {
        const ordinal = top === undefined ? 0 : top.object ? top.member : top.count;
        this.containers.push({ object: c === 123, ordinal, count: 0, member: 0, expectKey: c === 123 });
      } else if (c === 125 || c === 93) this.containers.pop();
      else if (c === 44 && top) {
        if (top.object) top.expectKey = true;
        else top.count++;
      }
    }
    if (this.inString && this.keyPieces) this.keyPieces.push(block.slice(keyFrom));
    this.pos += n;
  }

  finish(): { outsideString: boolean[]; inKey: boolean[]; openString: number; length: number } {
    while (this.next <= this.pos) this.probe(this.next);
    if (this.closed) this.afterString(false);
    return { outsideString: this.outsideString, inKey: this.inKey, openString: this.inString ? this.openedAt : -1, length: this.pos };
  }

  /** The secret keys, in the order JSON.parse's document gives them depth first, an object's later members first. */
  secretKeys(): string[] {
    return [...this.keys].sort((a, b) => order(a[1], b[1])).map(([key]) => key);
  }

  private nextProbe(): number {
    const start = this.starts[this.nextStart] ?? Infinity;
    const end = this.nextEnd < this.byEnd.length ? this.ends[this.byEnd[this.nextEnd]!]! : Infinity;
    return Math.min(start, end);
  }

  private probe(at: number): void {
    for (; this.starts[this.nextStart] === at; this.nextStart++) this.outsideString[this.nextStart] = !this.inString;
    for (; this.nextEnd < this.byEnd.length && this.ends[this.byEnd[this.nextEnd]!] === at; this.nextEnd++) {
      // a span that ends outside a string (a number) is in no key
      if (this.inString) this.endingHere.push(this.byEnd[this.nextEnd]!);
    }
    this.next = this.nextProbe();
  }

  /** What follows a string closed is seen: a `:` (`colon`) makes it a key. */
  private afterString(colon: boolean): void {
    const { ends, key } = this.closed!;
    this.closed = undefined;
    for (const k of ends) this.inKey[k] = colon;
    const top = this.containers.at(-1);
    if (!colon || !top?.object || key === undefined) return;
    // (a string of its own: a slice would keep its block alive, in the key cache of isSecretKey)
    const raw = joinOwn(key);
    let name: string;
    try {
      name = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
    } catch {
      return; // (no document holds a key that does not parse)
    }
    // JSON.parse's object gives a key that reads as an array index first, by its value; the others as written
    top.member = ARRAY_INDEX.test(name) && Number(name) < 2 ** 32 - 1 ? Number(name) : 2 ** 32 + top.count;
    top.count++;
    if (!isSecretKey(name)) return;
    const place = [...this.containers.slice(1).map((c) => c.ordinal), top.member];
    const seen = this.keys.get(name);
    if (seen === undefined || order(place, seen) < 0) this.keys.set(name, place);
  }
}

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/** Where `c` is next in `text` from `from`, or `none`. */
function indexOr(text: string, c: string, from: number, none: number): number {
  const at = text.indexOf(c, from);
  return at < 0 ? none : at;
}

/**
 * Which of two keys' places a walk of the document meets first: the walk takes an object's own keys, then its members'
 * values last first (a stack of them), so a key in a container that holds the other's comes first, and between two
 * members of one container the later one's.
 */
function order(a: KeyPlace, b: KeyPlace): number {
  const containers = Math.min(a.length, b.length) - 1;
  for (let i = 0; i < containers; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  if (a.length !== b.length) return a.length - b.length;
  return a.at(-1)! - b.at(-1)!;
}
