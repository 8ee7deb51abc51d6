/**
 * Low-level scanning of JSON text: skipping values, finding where a syntax error is, and mapping
 * an index inside a decoded string back to its place in the raw text. Iterative throughout, so
 * deep nesting cannot overflow the stack.
 */

const QUOTE = 34; // "
const BACKSLASH = 92;

export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function skipWhitespace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** Given the index of an opening quote, return the index just past the closing quote. */
export function skipString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) throw new JsonSyntaxError(i, 'unterminated string');
    // an odd number of backslashes right before the quote escapes it
    if (backslashesBefore(text, q, i + 1) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** How many backslashes stand right before text[at], counted back no further than `from`. */
export function backslashesBefore(text: string, at: number, from = 0): number {
  let n = 0;
  while (at - n - 1 >= from && text.charCodeAt(at - n - 1) === BACKSLASH) n++;
  return n;
}

/** Decode a JSON string token starting at the opening quote. Returns the value and the end. */
export function readString(text: string, i: number): { value: string; end: number } {
  const end = skipString(text, i);
  const raw = text.slice(i + 1, end - 1);
  if (raw.indexOf('\\') < 0) return { value: raw, end };
  return { value: JSON.parse(text.slice(i, end)) as string, end };
}

/** Skip any JSON value starting at i (after whitespace); returns the index just past it. */
export function skipValue(text: string, i: number): number {
  i = skipWhitespace(text, i);
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c !== 123 && c !== 91) {
    // number, true, false, null: up to the next delimiter
    let j = i;
    for (;;) {
      const d = text.charCodeAt(j);
      if (Number.isNaN(d) || d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
      j++;
    }
    if (j === i) throw new JsonSyntaxError(i, 'expected a value');
    return j;
  }
  // Container: track depth only; strings are skipped whole so brackets inside them do not count.
  let depth = 0;
  let j = i;
  const n = text.length;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (d === QUOTE) {
      j = skipString(text, j);
      continue;
    }
    if (d === 123 || d === 91) depth++;
    else if (d === 125 || d === 93) {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  throw new JsonSyntaxError(n, 'unexpected end of input');
}

/**
 * Map an index inside the decoded value of the string token at `quote` to the index of the same
 * character in the raw text (escapes such as \n or \u00e9 take several raw characters).
 */
export function rawIndexOf(text: string, quote: number, decodedIndex: number): number {
  return rawAfter(text, quote + 1, decodedIndex);
}

/** The raw index `count` decoded characters after the raw index `raw`. */
function rawAfter(text: string, raw: number, count: number): number {
  for (let decoded = 0; decoded < count; decoded++) {
    if (text.charCodeAt(raw) === BACKSLASH) raw += text.charCodeAt(raw + 1) === 117 /* u */ ? 6 : 2;
    else raw += 1;
  }
  return raw;
}

const MARK_EVERY = 1024;

/**
 * `rawIndexOf` for many indexes into one string token (every finding in a 1 MB value): a mark every
 * 1024 decoded characters, laid once, so a query walks at most that far (was: from the quote).
 */
export class RawIndexer {
  /** marks[k]: the raw index of decoded index k × MARK_EVERY. */
  private readonly marks: number[];

  constructor(
    private readonly text: string,
    quote: number,
  ) {
    this.marks = [quote + 1];
  }

  rawIndexOf(decodedIndex: number): number {
    const k = Math.floor(decodedIndex / MARK_EVERY);
    while (this.marks.length <= k) this.marks.push(rawAfter(this.text, this.marks.at(-1)!, MARK_EVERY));
    return rawAfter(this.text, this.marks[k]!, decodedIndex - k * MARK_EVERY);
  }
}

/**
 * Find the offset and reason of the first syntax error in `text`, without quoting it. Used only
 * after JSON.parse has failed (its messages quote the input, which may hold a secret).
 */
export function findSyntaxError(text: string): JsonSyntaxError {
  // Expect: value, then only whitespace. States are kept on an explicit stack.
  const stack: number[] = []; // 0 = in object, 1 = in array
  let i = skipWhitespace(text, 0);
  const n = text.length;
  const fail = (at: number, reason: string) => new JsonSyntaxError(at, at >= n ? 'unexpected end of input (truncated file?)' : reason);
  let expectValue = true;
  for (;;) {
    i = skipWhitespace(text, i);
    if (expectValue) {
      if (i >= n) return fail(i, 'unexpected end of input');
      const c = text.charCodeAt(i);
      if (c === 123) {
        i = skipWhitespace(text, i + 1);
        if (text.charCodeAt(i) === 125) {
          i++;
          expectValue = false;
        } else {
          stack.push(0);
          const err = expectKey(text, i);
          if (typeof err !== 'number') return err;
          i = err;
        }
        continue;
      }
      if (c === 91) {
        i = skipWhitespace(text, i + 1);
        if (text.charCodeAt(i) === 93) {
          i++;
          expectValue = false;
        } else stack.push(1);
        continue;
      }
      if (c === QUOTE) {
        const start = i;
        try {
          i = skipString(text, i);
        } catch {
          return fail(n, 'unterminated string');
        }
        const bad = findBadStringChar(text, start, i);
        if (bad >= 0) return fail(bad, 'invalid character or escape in string');
        expectValue = false;
        continue;
      }
      // a number or a word the text ends inside of (`tru`, `1.5e`, `NaN` cut as `Na`): cut short there, not wrong here
      if (literalEnd(text, i) >= n) return fail(n, 'unexpected end of input');
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (!m) return fail(i, 'unexpected character where a value should start');
      i += m[0].length;
      expectValue = false;
      continue;
    }
    // after a value
    if (stack.length === 0) {
      return i >= n ? new JsonSyntaxError(-1, 'no error found') : fail(i, 'unexpected data after the end of the JSON value');
    }
    const top = stack[stack.length - 1];
    const c = text.charCodeAt(i);
    if (c === 44) {
      i = skipWhitespace(text, i + 1);
      if (top === 0) {
        const err = expectKey(text, i);
        if (typeof err !== 'number') return err;
        i = err;
      }
      expectValue = true;
      continue;
    }
    if ((top === 0 && c === 125) || (top === 1 && c === 93)) {
      stack.pop();
      i++;
      continue;
    }
    return fail(i, top === 0 ? "expected ',' or '}' after a property value" : "expected ',' or ']' after an array element");
  }

  function expectKey(t: string, at: number): number | JsonSyntaxError {
    if (t.charCodeAt(at) !== QUOTE) return fail(at, 'expected a double-quoted property name');
    let end: number;
    try {
      end = skipString(t, at);
    } catch {
      return fail(n, 'unterminated string');
    }
    end = skipWhitespace(t, end);
    if (t.charCodeAt(end) !== 58) return fail(end, "expected ':' after a property name");
    return end + 1; // caller expects a value next
  }
}

/** Raw control characters and unknown escapes are not allowed in JSON strings; returns the index or -1. */
function findBadStringChar(text: string, quote: number, end: number): number {
  for (let j = quote + 1; j < end - 1; j++) {
    const c = text.charCodeAt(j);
    if (c < 32) return j;
    if (c === BACKSLASH) {
      const e = text.charCodeAt(j + 1);
      if (e === 117) {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return j;
        j += 5;
      } else if ('"\\/bfnrt'.includes(text[j + 1] ?? '')) j++;
      else return j;
    }
  }
  return -1;
}

/**
 * A JSON document cut short (an upload or a copy that stopped mid-file) made whole: the text up to the last place where
 * closing it is enough, then what closes it (a string's quote, `null` for a key's missing value, the brackets still
 * open). Every character kept stands at its own offset, so that the places of what it holds are the file's. Undefined
 * when the text is no JSON cut short: a syntax error before its end, or nothing opened.
 */
export function closeCutShort(text: string): string | undefined {
  // what is open, innermost last: 0 an object, 1 an array
  const stack: number[] = [];
  const n = text.length;
  /**
   * Where the text kept would end now (set after each whole token), and whether a key's value is missing there. What
   * is open there is what is open at the end: only a whole token opens or closes (made once, at the end: a document
   * cut 100,000 levels deep is closed in one pass).
   */
  let keep = -1;
  let valueMissing = false;
  const closed = (end: number, quote = '') => {
    let out = text.slice(0, end) + quote + (valueMissing ? ':null' : '');
    for (let k = stack.length - 1; k >= 0; k--) out += stack[k] === 0 ? '}' : ']';
    return out;
  };
  let i = skipWhitespace(text, 0);
  // after `{` or `,` in an object a key comes; after a key and `:`, or `[` and `,` in an array, a value
  let expect: 'value' | 'key' | 'after' = 'value';
  while (i < n) {
    const c = text.charCodeAt(i);
    if (expect === 'after') {
      if (c === 44) {
        // (cut before the comma: what follows it never came)
        expect = stack[stack.length - 1] === 0 ? 'key' : 'value';
        i = skipWhitespace(text, i + 1);
        continue;
      }
      if (c === 125 || c === 93) {
        if (stack.pop() !== (c === 125 ? 0 : 1)) return undefined;
        i++;
        if (stack.length === 0) return undefined;
        keep = i;
        valueMissing = false;
        i = skipWhitespace(text, i);
        continue;
      }
      return undefined;
    }
    if (expect === 'key') {
      if (c === 125 && stack[stack.length - 1] === 0) {
        expect = 'after';
        continue;
      }
      if (c !== QUOTE) return undefined;
      let end: number;
      try {
        end = skipString(text, i);
      } catch {
        // cut inside a key: the key and its value never came
        return keep < 0 ? undefined : closed(keep);
      }
      const colon = skipWhitespace(text, end);
      if (colon >= n) return keep < 0 ? undefined : closed(keep);
      if (text.charCodeAt(colon) !== 58) return undefined;
      // a key whose value never came is closed with null
      keep = end;
      valueMissing = true;
      expect = 'value';
      i = skipWhitespace(text, colon + 1);
      continue;
    }
    // a value
    if (c === 123 || c === 91) {
      stack.push(c === 123 ? 0 : 1);
      keep = i + 1;
      valueMissing = false;
      i = skipWhitespace(text, i + 1);
      if (i < n && text.charCodeAt(i) === (c === 123 ? 125 : 93)) expect = 'after';
      else expect = c === 123 ? 'key' : 'value';
      continue;
    }
    if (c === QUOTE) {
      let end: number;
      try {
        end = skipString(text, i);
      } catch {
        // cut inside a string value: it ends where the text does, less an escape cut in two (`\`, `\u00`)
        let last = n;
        const slash = text.lastIndexOf('\\', n - 1);
        if (slash > i && backslashesBefore(text, slash + 1, i + 1) % 2 === 1 && n - slash < (text.charCodeAt(slash + 1) === 117 ? 6 : 2)) last = slash;
        if (stack.length === 0) return undefined;
        valueMissing = false;
        return closed(last, '"');
      }
      i = end;
    } else {
      const end = literalEnd(text, i);
      // a number or a word the cut may have shortened (`2.`, `tru`) is not kept: null stands for it
      if (end >= n) break;
      if (!/^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|NaN|-?Infinity)$/.test(text.slice(i, end))) return undefined;
      i = end;
    }
    if (stack.length === 0) return undefined;
    keep = i;
    valueMissing = false;
    expect = 'after';
    i = skipWhitespace(text, i);
  }
  if (stack.length === 0 || keep < 0) return undefined;
  // (cut after a key's colon, or after `[` or a comma in an array: the value never came)
  return closed(keep);
}

/** Where the run of a number's or a word's characters (LITERAL_CHAR) that starts at `i` ends, 400 at most. */
function literalEnd(text: string, i: number): number {
  let end = i;
  while (end < text.length && end - i < 400 && LITERAL_CHAR[text.charCodeAt(end)] === 1) end++;
  return end;
}

/** The characters of a number or of true, false, null (and Python's NaN, Infinity): 1 by char code below 128. */
const LITERAL_CHAR = (() => {
  const table = new Uint8Array(128);
  for (const c of '0123456789+-.eEtruefalsnNaIiy') table[c.charCodeAt(0)] = 1;
  return table;
})();

/**
 * Where the string that a JSON text cut short ends inside of opens (its quote), or -1 when the text ends outside any
 * string: quotes not escaped pair up in JSON, so an odd one opens a string the cut left open.
 */
export function openStringAt(text: string): number {
  let open = -1;
  for (let q = text.indexOf('"'); q >= 0; q = text.indexOf('"', q + 1)) {
    if (open >= 0 && backslashesBefore(text, q, open + 1) % 2 === 1) continue;
    open = open >= 0 ? -1 : q;
  }
  return open;
}
