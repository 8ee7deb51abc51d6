/**
 * The streaming tokenizer: it accepts exactly what the in-memory reader accepts (JSON.parse, then
 * no duplicate key and no number beyond a double), rebuilds the same values whatever the window
 * size, and knows lines and UTF-16 offsets without the whole text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { JsonStreamError, JsonTokenizer, windowsOf, type JsonVisitor } from '../../src/artifacts/stream-json.js';
import { findIntegrityProblem } from '../../src/artifacts/json-integrity.js';
import { KeywordScanner } from '../../src/engine/keyword-scan.js';
import { ROOT } from '../fixture-data.js';

/** Rebuilds the document from the tokens, as JSON.parse would. */
class Builder implements JsonVisitor {
  tokenizer!: JsonTokenizer;
  root: unknown;
  private readonly stack: (unknown[] | Record<string, unknown>)[] = [];
  private readonly keys: (string | undefined)[] = [];
  private current: string | undefined;

  key(): boolean {
    this.current = this.tokenizer.keyString();
    return true;
  }
  element(): boolean {
    return true;
  }
  open(isArray: boolean): void {
    const container = isArray ? [] : {};
    this.put(container);
    this.keys.push(this.current);
    this.stack.push(container);
  }
  close(): void {
    this.stack.pop();
    this.current = this.keys.pop();
  }
  string(start: number, end: number, escaped: boolean): void {
    this.put(this.tokenizer.decodeString(start, end, escaped));
  }
  number(start: number, end: number): void {
    this.put(Number(this.tokenizer.text.slice(start, end)));
  }
  literal(value: boolean | null): void {
    this.put(value);
  }
  release(): void {}
  private put(value: unknown): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) this.root = value;
    else if (Array.isArray(top)) top.push(value);
    else Object.defineProperty(top, this.current!, { value, enumerable: true, writable: true, configurable: true });
  }
}

function tokenize<V extends JsonVisitor>(bytes: Buffer, visitor: V & { tokenizer?: JsonTokenizer }, windowBytes: number): V {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const tokenizer = new JsonTokenizer(visitor, { bomBytes: bom });
  visitor.tokenizer = tokenizer;
  let at = 0;
  const read = (into: Buffer, offset: number, length: number) => {
    const n = Math.min(length, bytes.length - at);
    bytes.copy(into, offset, at, at + n);
    at += n;
    return n;
  };
  while (tokenizer.pull(windowsOf(read, windowBytes)));
  tokenizer.end();
  return visitor;
}

function accepted(text: string, windowBytes: number): boolean {
  try {
    tokenize(Buffer.from(text, 'utf8'), new Builder(), windowBytes);
    return true;
  } catch (error) {
    if (!(error instanceof JsonStreamError)) throw error;
    return false;
  }
}

function inMemoryAccepts(text: string): boolean {
  try {
    return findIntegrityProblem(text, JSON.parse(text)) === undefined;
  } catch {
    return false;
  }
}

t.test('accepts and refuses what the in-memory reader does, on thousands of mutations, in any window size', async (t) => {
  const bases = [
    '{"a": [1, 2.5, -3e10, 1e308, 4e-400, true, false, null, "x\\n\\u00e9\\"y"], "b": {"c": {}}, "d": []}',
    '[{"k": "v"}, 0, -0.0, 1E+2, "\\/\\\\", "é😀", {"": 1}]',
    '{"metadata": {"env": {"A": "ghp_x"}}, "nodes": {"m": {"raw_code": "select 1\\n", "n": 12}}}',
  ];
  const alphabet = ['{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '1', '9', '-', '.', 'e', 'E', '+', ' ', '\n', '\t', '\x01', 'a', 't', 'n', 'f', 'é', '\u0000', 'x', '"a"'];
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let checked = 0;
  for (let i = 0; i < 4000; i++) {
    let text = bases[i % bases.length]!;
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
      const at = Math.floor(random() * (text.length + 1));
      const r = random();
      const piece = alphabet[Math.floor(random() * alphabet.length)]!;
      text = r < 0.33 ? text.slice(0, at) + text.slice(at + 1) : r < 0.66 ? text.slice(0, at) + piece + text.slice(at) : text.slice(0, at) + piece + text.slice(at + 1);
    }
    const expected = inMemoryAccepts(text);
    for (const windowBytes of [1, 5, 4096]) {
      if (accepted(text, windowBytes) !== expected) t.fail(`${JSON.stringify(text)} in windows of ${windowBytes}: expected ${expected ? 'accepted' : 'refused'}`);
      checked++;
    }
  }
  t.equal(checked, 12000);
});

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? jsonFilesUnder(full) : full.endsWith('.json') && !name.startsWith('expected') ? [full] : [];
  });
}

t.test('rebuilds every fixture artifact exactly, whatever the window size', async (t) => {
  for (const file of jsonFilesUnder(path.join(ROOT, 'fixtures'))) {
    const bytes = readFileSync(file);
    const expected = JSON.parse(bytes.toString('utf8'));
    for (const windowBytes of [3, 97, 1 << 20]) {
      t.same(tokenize(bytes, new Builder(), windowBytes).root, expected, `${path.relative(ROOT, file)} in windows of ${windowBytes}`);
    }
  }
});

/** Records where each string value starts, as the tokenizer counts it. */
class Positions extends Builder {
  readonly at: { value: string; offset: number; line: number; column: number }[] = [];
  override string(start: number, end: number, escaped: boolean): void {
    this.at.push({ value: this.tokenizer.decodeString(start, end, escaped), ...this.tokenizer.positionOf(start) });
    super.string(start, end, escaped);
  }
}

t.test('lines, columns and offsets are those of the decoded text, in UTF-16 units, without the BOM', async (t) => {
  const text = '{"a": "é☕😀",\n  "b": ["x", "\\u00e9"],\r\n "c": "after"}';
  const tokens = ['"é☕😀"', '"x"', '"\\u00e9"', '"after"'];
  for (const bom of ['', '\ufeff']) {
    for (const windowBytes of [1, 7, 4096]) {
      const { at } = tokenize(Buffer.from(bom + text, 'utf8'), new Positions(), windowBytes);
      t.equal(at.length, tokens.length);
      let from = 0;
      at.forEach((p, i) => {
        const offset = text.indexOf(tokens[i]!, from);
        from = offset + 1;
        const before = text.slice(0, offset);
        t.same({ offset: p.offset, line: p.line, column: p.column }, { offset, line: before.split('\n').length, column: offset - before.lastIndexOf('\n') }, `${tokens[i]} (BOM ${bom.length}, windows of ${windowBytes})`);
      });
    }
  }
});

t.test('errors say what and where: syntax, duplicate keys, numbers beyond a double, invalid UTF-8', async (t) => {
  const failure = (bytes: Buffer | string) => {
    try {
      tokenize(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, new Builder(), 8);
    } catch (error) {
      if (error instanceof JsonStreamError) return error;
      throw error;
    }
    throw new Error('accepted');
  };
  t.match(failure('{"a": 1,}'), { kind: 'syntax', byteOffset: 8, reason: 'expected a double-quoted property name' });
  t.match(failure('{"a": [1, 2'), { kind: 'syntax', reason: /unexpected end of input/ });
  t.match(failure('{"x": {"a": 1, "b": [], "a": 2}}'), { kind: 'duplicate-key', byteOffset: 24, path: ['x', 'a'] });
  t.match(failure('{"x": [0, 1e999]}'), { kind: 'number-out-of-range', path: ['x', 1] });
  t.match(failure(Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')])), { kind: 'utf8', byteOffset: 7 });
  t.match(failure('{"a": "tab\there"}'), { kind: 'syntax', byteOffset: 10, reason: 'invalid character or escape in string' });
  t.match(failure('\n\n{"a": 1} x'), { kind: 'syntax', line: 3, reason: 'unexpected data after the end of the JSON value' });
});

t.test('the keyword scanner finds every keyword, in any case, across chunk seams, and every control character', async (t) => {
  const keywords = ['pass', 'password', 'sk_live_', 'key', 'q~', '://', 'eyj'];
  const text = 'a PassWord=1 sk_LIVE_x monkey\tq~ https://EYJ\nkeykey passpass';
  const bytes = Buffer.from(text, 'latin1');
  // every end of a keyword occurrence, with the longest keyword ending there
  const expected: number[] = [];
  for (let end = 1; end <= text.length; end++) {
    const longest = Math.max(0, ...keywords.filter((k) => text.slice(0, end).toLowerCase().endsWith(k)).map((k) => k.length));
    if (longest > 0) expected.push(end - longest);
  }
  const controls = [...text].flatMap((c, i) => (c < ' ' ? [i] : []));
  for (const chunk of [1, 2, 5, text.length]) {
    const scanner = new KeywordScanner(keywords);
    const found: number[] = [];
    const seen: number[] = [];
    for (let from = 0; from < bytes.length; from += chunk) {
      const k: number[] = [];
      const c: number[] = [];
      scanner.scan(bytes, from, Math.min(from + chunk, bytes.length), k, c);
      found.push(...k.map((x) => x + from));
      seen.push(...c.map((x) => x + from));
    }
    t.same(found, expected, `keywords in chunks of ${chunk}`);
    t.same(seen, controls, `control characters in chunks of ${chunk}`);
  }
});

t.test('the keyword scanner side by side (four parts of a long range) finds what the naive search does, and ids that spell them', async (t) => {
  const keywords = ['pass', 'password', 'sk_live_', 'key', 'q~', '://', 'eyj', 'token', 'to', 'ok'];
  // keyword fragments, their neighbours and noise, seeded: every part of every range starts inside some keyword or none
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / (1 << 24);
  const pieces = [...keywords, 'PASSWORD', 'Token', 'passwor', 'ke', 'sk_live', ' ', '"', '\\n', 'a', 'x', 'é', '\t', '\n', '\r', 'ke\ty'];
  let text = '';
  while (text.length < 80_000) text += pieces[Math.floor(random() * pieces.length)];
  const bytes = Buffer.from(text, 'latin1');
  const expected: number[] = [];
  const lower = text.toLowerCase();
  for (let end = 1; end <= lower.length; end++) {
    const longest = Math.max(0, ...keywords.filter((k) => lower.startsWith(k, end - k.length)).map((k) => k.length));
    if (longest > 0) expected.push(end - longest);
  }
  for (const chunk of [bytes.length, 20_000, 17_001]) {
    // the first control character of each run in a chunk (see controlsIn)
    const controls = [...text].flatMap((c, i) => (c < ' ' && (i % chunk === 0 || text[i - 1]! >= ' ') ? [i] : []));
    const scanner = new KeywordScanner(keywords);
    const found: number[] = [];
    const seen: number[] = [];
    const ids: number[] = [];
    for (let from = 0; from < bytes.length; from += chunk) {
      const k: number[] = [];
      const c: number[] = [];
      scanner.scan(bytes, from, Math.min(from + chunk, bytes.length), k, c, ids);
      found.push(...k.map((x) => x + from));
      seen.push(...c.map((x) => x + from));
    }
    t.same([...found].sort((a, b) => a - b), [...expected].sort((a, b) => a - b), `keywords in chunks of ${chunk}`);
    t.same(seen, controls, `control characters in chunks of ${chunk}`);
    t.ok(found.every((at, i) => lower.startsWith(keywords[ids[i]!]!, at)), `each id names the keyword at its place, in chunks of ${chunk}`);
  }
});

t.test('the keyword scanner side by side finds a lone control character in whichever part it stands', async (t) => {
  const keywords = ['pass', 'key'];
  for (const at of [0, 9_999, 20_000, 20_001, 39_999, 50_000, 60_005, 79_998, 79_999]) {
    for (const c of ['\t', '\n', '\u0000']) {
      const bytes = Buffer.alloc(80_000, 'a');
      bytes[at] = c.charCodeAt(0);
      const scanner = new KeywordScanner(keywords);
      const controls: number[] = [];
      scanner.scan(bytes, 0, bytes.length, [], controls);
      t.same(controls, [at], `${JSON.stringify(c)} at ${at}`);
    }
  }
  // a keyword that holds one (a custom detector's): every range is searched for them instead
  const scanner = new KeywordScanner(['x\ty', 'key']);
  const bytes = Buffer.alloc(80_000, 'a');
  bytes.write('x\ty', 30_000, 'latin1');
  bytes[70_000] = 0x0a;
  const found: number[] = [];
  const controls: number[] = [];
  scanner.scan(bytes, 0, bytes.length, found, controls);
  t.same(found, [30_000], 'the keyword with a tab found');
  t.same(controls, [30_001, 70_000], 'and every control character listed');
});

t.test('a raw control character in a string cut at a window fails there, not once the string ends (red team 63)', async (t) => {
  // one string of 4 MB of NUL bytes: read window by window until its end (a 500 MB one: 12 s and 2.2 GB), now the first
  for (const [what, body] of [['NUL bytes', Buffer.alloc(4 << 20, 0)], ['a line feed, then letters', Buffer.concat([Buffer.from('\n'), Buffer.alloc(4 << 20, 0x61)])]] as const) {
    const bytes = Buffer.concat([Buffer.from('{"metadata": {"env": {}}, "x": "abc'), body, Buffer.from('"}')]);
    let read = 0;
    const builder = new Builder();
    const tokenizer = new JsonTokenizer(builder, { bomBytes: 0 });
    builder.tokenizer = tokenizer;
    const source = (into: Buffer, offset: number, length: number) => {
      const n = Math.min(length, bytes.length - read);
      bytes.copy(into, offset, read, read + n);
      read += n;
      return n;
    };
    let error: unknown;
    try {
      while (tokenizer.pull(windowsOf(source, 65536)));
      tokenizer.end();
    } catch (thrown) {
      error = thrown;
    }
    t.ok(error instanceof JsonStreamError, `${what}: the tokenizer's own error`);
    t.match((error as Error).message, /invalid character or escape in string/);
    t.ok(read <= 4 * 65536, `${what}: ${read} bytes read of ${bytes.length}`);
  }
});

t.test("the keyword search lists control characters up to the first one JSON allows nowhere: the parse stops there", async (t) => {
  const scanner = new KeywordScanner(['password']);
  const bytes = Buffer.concat([Buffer.from('{"a":\n\t"b\r'), Buffer.alloc(100_000, 0), Buffer.from('\n"}')]);
  const keywords: number[] = [];
  const controls: number[] = [];
  scanner.scan(bytes, 0, bytes.length, keywords, controls);
  // the line feed (the tab after it is of its run) and the carriage return, whose run the NULs go on: not 100,000 offsets more
  t.same(controls, [5, 9]);
});

t.test('a run of line breaks and tabs is listed by its first: the marks do not grow with the lines (red team 65)', async (t) => {
  const scanner = new KeywordScanner(['password']);
  for (const lines of [1_000, 100_000]) {
    const bytes = Buffer.concat([Buffer.from('{"a": 1,'), Buffer.from('\n\t\r\n'.repeat(lines)), Buffer.from('"b": "x\ny"}')]);
    const controls: number[] = [];
    scanner.scan(bytes, 0, bytes.length, [], controls);
    t.same(controls, [8, 8 + 4 * lines + 7], `${lines} lines: the run's first, and the line break inside the string`);
  }
});
