/**
 * Anchors read as steps (detectors/anchor-steps.ts), as the raw-byte search tests them on JSON
 * text: wherever an anchor's regex matches a decoded value at its keyword, the steps mark the
 * keyword in the raw bytes; where every alternative is read whole and the text is ASCII, they
 * mark nothing else. Checked for every keyword of the registry on texts made to be near misses.
 */
import t from 'tap';
import { anchorSteps, following } from '../../src/detectors/anchor-steps.js';
import { compileRules } from '../../src/engine/compile.js';
import { ANCHOR_BUDGET, ANCHOR_WORK, KeywordScanner, SCAN_TUNING } from '../../src/engine/keyword-scan.js';
import { isPlainKeyword } from '../../src/engine/keyword-forms.js';

const rules = compileRules();
const anchors = rules.rawAnchors;

/** A small seeded generator: the same texts on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** What follows a keyword in the texts: the characters anchors test (name characters, quotes, spaces, separators, brackets, escapes). */
const PIECES = ['a', 'Z', '9', '_', '-', '.', '/', '"', "'", ' ', '  ', '\t', '\n', '=', ':', ',', ']', '[', '(', '\\', 'é', '=>', 'AbC123xyZ', '0123456789abcdef', 'Zq8kLm2vX9pgZq8kLm2vX9pg'];

function textAfter(keyword: string, next: () => number): string {
  const cased = next() < 0.3 ? keyword.toUpperCase() : keyword;
  let tail = '';
  const n = Math.floor(next() * 12);
  for (let i = 0; i < n; i++) tail += PIECES[Math.floor(next() * PIECES.length)];
  return `${next() < 0.5 ? 'x_' : ''}${cased}${tail}`;
}

/**
 * `run` with SCAN_TUNING as `settings` sets it, restored after; the anchors' kept answers off unless `settings` turns them
 * on. Their tables live for the thread's life (one per keyword list and anchors): a run would read fewer characters for
 * the answers an earlier run kept, and a comparison of characters read would measure those, not the setting.
 */
function withTuning<T>(settings: Partial<typeof SCAN_TUNING>, run: () => T): T {
  const saved = { ...SCAN_TUNING };
  Object.assign(SCAN_TUNING, { answersKept: false }, settings);
  try {
    return run();
  } finally {
    Object.assign(SCAN_TUNING, saved);
  }
}

/** Marks of a scanner over just this keyword, in `value` written as a JSON string value; `at`: where the keyword's first occurrence is in that text. */
function marked(keyword: string, value: string): { marks: Set<number>; at: number } {
  const json = `{"a": ${JSON.stringify(value)}, "b": 1}`;
  const bytes = Buffer.from(json, 'utf8');
  const scanner = new KeywordScanner([keyword], { [keyword]: anchors[keyword]! });
  const marks: number[] = [];
  scanner.scan(bytes, 0, bytes.length, marks, []);
  return { marks: new Set(marks), at: json.toLowerCase().indexOf(keyword.toLowerCase()) };
}

t.test('every anchored keyword: the steps mark wherever the regex matches, and only there when read whole', async (t) => {
  const next = random(20261130);
  let checked = 0;
  let matches = 0;
  for (const [keyword, list] of Object.entries(anchors)) {
    const regexes = list.map((a) => new RegExp(a.source, a.flags));
    const whole = list.every((a) => anchorSteps(a.source, a.flags, keyword)?.every((s) => s.complete) === true);
    for (let i = 0; i < 60; i++) {
      const value = textAfter(keyword, next);
      const at = value.toLowerCase().indexOf(keyword.toLowerCase());
      const matching = regexes.some((r) => {
        r.lastIndex = at;
        return r.test(value);
      });
      const { marks, at: inJson } = marked(keyword, value);
      const isMarked = marks.has(inJson);
      checked++;
      if (matching) {
        matches++;
        if (!isMarked) t.fail(`${keyword}: ${JSON.stringify(value)} matches its anchor but is not marked`);
      } else if (whole && isMarked && /^[\x20-\x7e]*$/.test(value)) {
        t.fail(`${keyword}: ${JSON.stringify(value)} is marked, its anchor matching nowhere`);
      }
    }
  }
  t.ok(checked > 1000, `${checked} texts checked`);
  t.ok(matches > 50, `${matches} of them match an anchor`);
});

t.test('the generic detectors read the bytes after common words without a regex, and mark only their shapes', async (t) => {
  for (const [keyword, value, expected] of [
    ['key', 'api_key = \'Zq8kLm2vX9pg\'', true],
    ['key', 'api_key\t: Zq8kLm2vX9pg', true],
    ['key', 'unique_key', false],
    ['key', 'primary key (id)', false],
    ['password', 'create user u password \'Zq8kLm2vX9pg\'', true],
    ['password', 'password_hash', false],
    ['token', 'conf.set("api.token", "Zq8kLm2vX9pg")', true],
    ['token', 'token_count', false],
  ] as const) {
    const { marks, at } = marked(keyword, value);
    t.equal(marks.has(at), expected, `${keyword} in ${JSON.stringify(value)}: ${expected ? 'marked' : 'not marked'}`);
    for (const a of anchors[keyword]!) t.ok(anchorSteps(a.source, a.flags, keyword), `${keyword}: /${a.source.slice(0, 30)}…/ read as steps`);
  }
});

t.test('a step that shares characters with what follows it ends the steps there, and the regex confirms', async (t) => {
  // [a-z_]{0,20} could take the "token" after it: greedy steps would miss key_token=…
  const source = '(?:key[a-z_]{0,20}(?:id|token)=)';
  const steps = anchorSteps(source, 'iy', 'key')!;
  t.equal(steps.length, 1, 'the two alternatives, cut to the same prefix, are one');
  t.equal(steps[0]!.complete, false, 'a prefix of the anchor');
  t.equal(steps[0]!.tables.length, 4, 'k, e, y and the class');
  const local = { key: [{ source, flags: 'iy' }] };
  for (const [value, expected] of [['key_token=1', true], ['key_id=1', true], ['key_tokens', false], ['keyboard', false]] as const) {
    const json = Buffer.from(JSON.stringify({ a: value }));
    const marks: number[] = [];
    new KeywordScanner(['key'], local).scan(json, 0, json.length, marks, []);
    t.equal(marks.length === 1, expected, `${value}: ${expected ? 'marked' : 'not marked'}`);
  }
});

t.test("alternatives that cannot read the keyword are left out; a group's alternatives are multiplied out", async (t) => {
  t.equal(anchorSteps('(?:abc|xyz)d', 'y', 'xy')!.length, 1, 'only xyz… begins with xy');
  t.equal(anchorSteps('(?:abc|xyz)d', 'iy', 'XY')!.length, 1, 'case aside when the anchor ignores it');
  t.equal(anchorSteps('(?:ABC|XYZ)d', 'y', 'xy')!.length, 1, 'a keyword is found in any case: XYZ… may begin where xy is');
  t.equal(anchorSteps('(?:ab|a-)d', 'y', 'a_')!.length, 0, 'none when no alternative can read it');
  t.equal(anchorSteps('ab(?:c|de)?f', 'y', 'ab')!.length, 3, 'abf, abcf, abdef');
  t.equal(anchorSteps('a(?:bc)+d', 'y', 'a')![0]!.complete, false, 'a repeated group ends the steps');
  t.equal(anchorSteps('[a-z]*', 'y', 'a'), undefined, 'steps that may match nothing are not used');
});

t.test('the character right after a keyword settles most places: what may come next in some alternative', async (t) => {
  const alternatives = anchorSteps('(?:bearer|basic)\\s{1,16}[A-Za-z0-9._~+/-]{16}', 'iy', 'basic')!;
  const after = following(alternatives, 'basic');
  const ascii = (table: Uint8Array) => [...table.keys()].filter((c) => table[c] === 1 && c < 0x80).map((c) => String.fromCharCode(c)).sort();
  t.same(ascii(after.chars), ['\t', '\n', '\v', '\f', '\r', ' '].sort(), 'in a decoded value: the spaces the steps take');
  t.same(ascii(after.bytes), ['\t', '\n', '\v', '\f', '\r', ' ', '\\'].sort(), 'in raw JSON also a backslash (an escape: the bytes cannot tell)');
  t.equal(after.bytes[0xc3], 1, 'and a byte past ASCII (a space of another script)');
  t.equal(after.end, false, 'not at the end of the value');
  const quoted = following(anchorSteps('[a-z_]{0,20}["\']?\\s{0,4}[=:]', 'y', 'key')!, 'key');
  t.equal(quoted.chars[0x22], 1, 'a quote in a decoded value may be the one after a name (`{"api_key": …}` in --vars)');
  t.equal(quoted.bytes[0x22], 0, 'in raw JSON a quote is the closing one: the string ends where = or : was needed');
  const ended = following(anchorSteps('key[a-z]*', 'y', 'key')!, 'key');
  t.ok(ended.end && ended.bytes[0x22] === 1, 'the end, where the steps may have matched already');
});

t.test('anchor tests read at most a constant per character, however many keywords the text holds', async (t) => {
  const { ANCHOR_BUDGET } = await import('../../src/engine/keyword-scan.js');
  const { DetectorSet } = await import('../../src/engine/prefilter.js');
  const { DETECTORS } = await import('../../src/detectors/index.js');
  const set = new DetectorSet(DETECTORS);
  // each test may go past the budget once: by at most a keyword's alternatives read in full
  const slack = 16 * 1024;
  for (const unit of ['key', 'pat', `api_key${'a'.repeat(60)} `, "conf.set('token"]) {
    const reads: number[] = [];
    for (const size of [256 * 1024, 1024 * 1024]) {
      const value = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
      const bytes = Buffer.from(JSON.stringify({ a: value }));
      const before = ANCHOR_WORK.reads;
      const marks: number[] = [];
      new KeywordScanner(rules.rawKeywords!, anchors).scan(bytes, 0, bytes.length, marks, []);
      const raw = ANCHOR_WORK.reads - before;
      t.ok(raw <= ANCHOR_BUDGET.perByte * bytes.length + ANCHOR_BUDGET.base + slack, `${JSON.stringify(unit.slice(0, 12))} × ${size}: ${raw} read in raw bytes`);
      const decoded = ANCHOR_WORK.reads;
      set.select(value);
      const inValue = ANCHOR_WORK.reads - decoded;
      t.ok(inValue <= ANCHOR_BUDGET.perByte * value.length + ANCHOR_BUDGET.base + slack, `${JSON.stringify(unit.slice(0, 12))} × ${size}: ${inValue} read in the decoded value`);
      reads.push(raw + inValue);
    }
    t.ok(reads[1]! <= 4.5 * reads[0]!, `${JSON.stringify(unit.slice(0, 12))}: ×4 text, ×${(reads[1]! / reads[0]!).toFixed(2)} reads`);
  }
});

t.test("every context detector's anchor is read as steps at each of its keywords", async (t) => {
  // one that is not is tested as a regex on a decoded window at every keyword found: the sql-password
  // anchor once multiplied out past the limit and cost 1 % more instructions on a corpus manifest
  const { CONTEXT_DETECTORS } = await import('../../src/detectors/index.js');
  for (const d of CONTEXT_DETECTORS) {
    if (!d.anchor) continue;
    // (a word past ASCII is never anchored: engine/keyword-forms.ts)
    for (const k of d.keywords.filter(isPlainKeyword)) t.ok(anchorSteps(d.anchor.source, d.anchor.flags, k) !== undefined, `${d.id}: its anchor at ${JSON.stringify(k)}`);
  }
});

/**
 * Marks in the raw bytes and keywords found in the decoded value of each of `values`, by a scanner over just
 * `keyword` with SCAN_TUNING's `setting` on or off, and the characters its anchor tests read (a refused
 * alternative counts one). A scanner works out what the setting changes when it first meets the keyword.
 */
function scanWith(keyword: string, values: readonly string[], setting: 'sharedSteps' | 'siblingSkips', on: boolean): { out: string[]; reads: number } {
  return withTuning({ [setting]: on }, () => {
    const before = ANCHOR_WORK.reads;
    const scanner = new KeywordScanner([keyword], { [keyword]: anchors[keyword]! });
    const out = values.map((value) => {
      const bytes = Buffer.from(JSON.stringify({ a: value, b: [value] }), 'utf8');
      const marks: number[] = [];
      scanner.scan(bytes, 0, bytes.length, marks, []);
      const found: number[] = [];
      const starts: number[] = [];
      scanner.scanString(value, found, starts);
      return `${marks.join(',')}|${starts.join(',')}`;
    });
    return { out, reads: ANCHOR_WORK.reads - before };
  });
}

t.test('an alternative that picks up where the one before it left their common steps marks what it would mark reading them again', async (t) => {
  const next = random(20261201);
  let fewer = 0;
  for (const keyword of Object.keys(anchors)) {
    // several places a text, so that one keyword's reads follow another's
    const values = Array.from({ length: 40 }, () => `${textAfter(keyword, next)} ${textAfter(keyword, next)}`);
    const alone = scanWith(keyword, values, 'sharedSteps', false);
    const picked = scanWith(keyword, values, 'sharedSteps', true);
    t.strictSame(picked.out, alone.out, `${keyword}: the same marks`);
    t.ok(picked.reads <= alone.reads, `${keyword}: ${picked.reads} characters read, ${alone.reads} reading each alternative from its start`);
    if (picked.reads < alone.reads) fewer++;
  }
  t.ok(fewer >= 10, `${fewer} keywords read fewer characters`);
});

t.test('a character that refuses an alternative passes over the others it refuses, and the same places are marked', async (t) => {
  const next = random(20261203);
  let fewer = 0;
  for (const keyword of Object.keys(anchors)) {
    // prose and code after the keyword (`key values themselves`, `pass = 'x'`), quotes and backslashes among them
    const values = Array.from({ length: 40 }, () => `${textAfter(keyword, next)} ${textAfter(keyword, next)}`);
    const each = scanWith(keyword, values, 'siblingSkips', false);
    const skipped = scanWith(keyword, values, 'siblingSkips', true);
    t.strictSame(skipped.out, each.out, `${keyword}: the same marks`);
    t.ok(skipped.reads <= each.reads, `${keyword}: ${skipped.reads} read, ${each.reads} trying each alternative`);
    if (skipped.reads < each.reads) fewer++;
  }
  // the generic detectors' keywords share anchors of some forty alternatives
  t.ok(['key', 'pass', 'token', 'secret'].every((k) => k in anchors), 'the generic keywords are anchored');
  t.ok(fewer >= 10, `${fewer} keywords tried fewer alternatives`);
});

t.test('a keyword found where a shorter one with the same anchors was refused is refused unread, and marks what it would mark read', async (t) => {
  const same = (a: string, b: string) => JSON.stringify(anchors[a]) === JSON.stringify(anchors[b]);
  // the registry's nested keywords with one list of anchors (`pass` and `password`)
  const pairs = Object.keys(anchors).flatMap((short) => Object.keys(anchors).filter((long) => long !== short && long.startsWith(short) && same(short, long)).map((long) => [short, long] as const));
  t.ok(pairs.some(([short, long]) => short === 'pass' && long === 'password'), `${pairs.length} pairs, pass and password among them`);
  const next = random(20261202);
  let fewer = 0;
  for (const [short, long] of pairs) {
    const values = Array.from({ length: 40 }, () => `${textAfter(long, next)} ${textAfter(long, next)} ${textAfter(short, next)}`);
    const run = (reuse: boolean) =>
      withTuning({ refusedReuse: reuse }, () => {
        const before = ANCHOR_WORK.reads;
        const scanner = new KeywordScanner([short, long], { [short]: anchors[short]!, [long]: anchors[long]! });
        const out = values.map((value) => {
          const bytes = Buffer.from(JSON.stringify({ a: value, b: [value] }), 'utf8');
          const marks: number[] = [];
          const ids: number[] = [];
          scanner.scan(bytes, 0, bytes.length, marks, [], ids);
          return marks.map((m, i) => `${m}:${ids[i]}`).join(',');
        });
        return { out, reads: ANCHOR_WORK.reads - before };
      });
    const read = run(false);
    const reused = run(true);
    t.strictSame(reused.out, read.out, `${short}, ${long}: the same marks`);
    t.ok(reused.reads <= read.reads, `${short}, ${long}: ${reused.reads} characters read, ${read.reads} testing each keyword`);
    if (reused.reads < read.reads) fewer++;
  }
  t.ok(fewer >= 1, `${fewer} pairs read fewer characters`);
});

t.test("a keyword in an object's key that closes soon is refused before its anchors are read, and the values' marks stay", async (t) => {
  const next = random(20261203);
  let fewer = 0;
  for (const keyword of Object.keys(anchors)) {
    // the same texts as keys and as values: a key is never marked (the walk asks only about values)
    const texts = Array.from({ length: 20 }, () => textAfter(keyword, next));
    const run = (first: boolean) =>
      withTuning({ keysFirst: first }, () => {
        const before = ANCHOR_WORK.reads;
        const scanner = new KeywordScanner([keyword], { [keyword]: anchors[keyword]! });
        const out = texts.map((text) => {
          const json = JSON.stringify({ [text]: text, list: [text, { [`${text}_2`]: 1 }] });
          const bytes = Buffer.from(json, 'utf8');
          const marks: number[] = [];
          scanner.scan(bytes, 0, bytes.length, marks, []);
          // a mark in a key is no use to the walk: only those in values are compared
          const keys = keySpans(json);
          return marks.filter((m) => !keys.some(([from, to]) => m > from && m < to)).join(',');
        });
        return { out, reads: ANCHOR_WORK.reads - before };
      });
    const read = run(false);
    const first = run(true);
    t.strictSame(first.out, read.out, `${keyword}: the same marks in values`);
    t.ok(first.reads <= read.reads, `${keyword}: ${first.reads} characters read, ${read.reads} reading the anchors in keys too`);
    if (first.reads < read.reads) fewer++;
  }
  t.ok(fewer >= 10, `${fewer} keywords read fewer characters`);
});

/** Where each object key of a JSON text is: its opening quote and its closing quote. */
function keySpans(json: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < json.length; i++) {
    if (json[i] !== '"') continue;
    const open = i;
    for (i++; json[i] !== '"'; i++) if (json[i] === '\\') i++;
    if (/^\s*:/.test(json.slice(i + 1))) spans.push([open, i]);
  }
  return spans;
}

/**
 * Marks of one scanner over just `keyword` in `bytes`, scanned in pieces cut at `cuts` (the chunks of a file), with
 * SCAN_TUNING.answersKept on or off, and the characters its anchor tests read.
 */
function scanInPieces(keyword: string, bytes: Buffer, cuts: readonly number[], kept: boolean): { marks: number[]; reads: number } {
  return withTuning({ answersKept: kept }, () => {
    // (no budget: past it a keyword is marked untested, and reading each time reaches it sooner than keeping answers)
    const perByte = ANCHOR_BUDGET.perByte;
    ANCHOR_BUDGET.perByte = Infinity;
    try {
      const before = ANCHOR_WORK.reads;
      const scanner = new KeywordScanner([keyword], { [keyword]: anchors[keyword]! });
      const marks: number[] = [];
      let from = 0;
      for (const to of [...cuts, bytes.length]) {
        const here: number[] = [];
        scanner.scan(bytes, from, to, here, []);
        for (const m of here) marks.push(from + m);
        from = to;
      }
      return { marks, reads: ANCHOR_WORK.reads - before };
    } finally {
      ANCHOR_BUDGET.perByte = perByte;
    }
  });
}

t.test("an anchor's no kept for the bytes it read is given again only where the same bytes follow the keyword", async (t) => {
  const next = random(20261204);
  const pick = () => PIECES[Math.floor(next() * PIECES.length)]!;
  let fewer = 0;
  for (const keyword of Object.keys(anchors)) {
    // each text again, and again with one character changed at each of the 48 places after the keyword (past the 8 bytes
    // a kept answer is found by too), so that a kept no meets both the same bytes and bytes that differ where it read
    const values: string[] = [];
    for (let i = 0; i < 6; i++) {
      const text = `${textAfter(keyword, next)}${textAfter(keyword, next)}`;
      values.push(text, text);
      for (let p = keyword.length; p < Math.min(text.length, keyword.length + 48); p++) values.push(`${text.slice(0, p)}${pick()}${text.slice(p + 1)}`, text);
    }
    const bytes = Buffer.from(JSON.stringify({ a: values.join(' '), b: values }), 'utf8');
    // a file's chunks cut the texts anywhere: an answer read up to a cut is not kept, nor given past one
    const cuts: number[] = [];
    for (let at = Math.floor(next() * 200); at < bytes.length; at += 1 + Math.floor(next() * 400)) cuts.push(at);
    for (const pieces of [[], cuts]) {
      const read = scanInPieces(keyword, bytes, pieces, false);
      const kept = scanInPieces(keyword, bytes, pieces, true);
      t.strictSame(kept.marks, read.marks, `${keyword}${pieces.length ? ', in pieces' : ''}: the same marks`);
      t.ok(kept.reads <= read.reads, `${keyword}: ${kept.reads} characters read, ${read.reads} reading each time`);
      if (pieces.length === 0 && kept.reads < read.reads) fewer++;
    }
  }
  t.ok(fewer >= 10, `${fewer} keywords read fewer characters`);
});
