/**
 * A keyword's anchor that looks behind is shown, on the raw JSON text, the characters before the keyword as the
 * string decodes them (up to LOOK_BEHIND; fewer where an escape, a quote or the chunk's start is in reach): it
 * must never say no where the same regex on the decoded value says yes (a mark missed is a secret missed).
 * Random strings of escapes, quotes, letters past ASCII and the lookbehinds' own letters before the keyword,
 * written as JSON with and without `\uXXXX` escapes, are asked both ways.
 */
import t from 'tap';
import { KeywordScanner, LOOK_BEHIND } from '../../src/engine/keyword-scan.js';

const LOOKBEHINDS = ['(?<!unique_)', '(?<!a\\nb)', '(?<!"x)', '(?<!\\\\u)', '(?<![A-Za-z0-9]{2})', '(?<!\\u00e9ab)', '(?<!\\tx_)', '(?<!b{7})'];
const PIECES = ['a', 'b', 'x', 'u', '_', '\n', '\t', '"', '\\', 'é', 'A', 'unique_', ' ', '0', 'bbbb'];

t.test('the raw text never says no where the decoded value says yes', async (t) => {
  let random = 11;
  const next = (n: number) => (random = (random * 1103515245 + 12345) & 0x7fffffff) % n;
  let asked = 0;
  let refused = 0;
  for (const behind of LOOKBEHINDS) {
    const source = `${behind}key[ ]?=`;
    const scanner = new KeywordScanner(['key'], { key: [{ source, flags: 'y' }] });
    const regex = new RegExp(source, 'y');
    for (let i = 0; i < 400; i++) {
      let before = '';
      for (let k = next(6); k >= 0; k--) before += PIECES[next(PIECES.length)]!;
      const value = `${before}key = 'v'`;
      regex.lastIndex = before.length;
      const yes = regex.test(value);
      for (const escapeAll of [false, true]) {
        let json = JSON.stringify({ sql: value });
        // (as Python's ensure_ascii writes it, and an ASCII letter escaped too)
        if (escapeAll) json = json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/A/g, '\\u0041');
        const bytes = Buffer.from(json);
        const marks: number[] = [];
        scanner.state = 0;
        scanner.scan(bytes, 0, bytes.length, marks, []);
        asked++;
        if (!yes) {
          if (marks.length === 0) refused++;
          continue;
        }
        if (marks.length === 0) t.fail(`${behind}: the value says yes, the raw text no: ${JSON.stringify(json)}`);
      }
    }
  }
  t.ok(asked > 6000, `${asked} asked`);
  // (the raw text is shown enough to refuse most of what the value refuses: the lookbehind is not passed over)
  t.ok(refused > 100, `${refused} refused in the raw text as in the value`);
  t.equal(LOOK_BEHIND >= 8, true, 'at least eight characters shown');
});
