// The keyword scanner's warm-up (warmUp in keyword-scan.ts): the first scanner a thread builds has a
// scanner of its own scan a made-up text once. It must leave nothing behind: not the anchor budget's
// count, and the first real scan finds what a later scanner finds.
import t from 'tap';
import { compileRules } from '../../src/engine/compile.js';
import { ANCHOR_WORK, KeywordScanner } from '../../src/engine/keyword-scan.js';

function scanned(scanner: KeywordScanner, text: Uint8Array) {
  const found: number[] = [];
  const controls: number[] = [];
  const ids: number[] = [];
  scanner.scan(text, 0, text.length, found, controls, ids);
  return { found, controls, ids, state: scanner.state };
}

t.test('the first scanner of a thread warms up without a trace', async (t) => {
  // (nothing in this file has built a scanner yet: the rules' detector sets build theirs here)
  const reads = ANCHOR_WORK.reads;
  const rules = compileRules();
  const first = new KeywordScanner(rules.rawKeywords!, rules.rawAnchors);
  t.equal(ANCHOR_WORK.reads, reads, 'the anchor reads of the warm-up are not counted');
  t.equal(first.state, 0, 'the scanner starts from its first state');
  const text = Buffer.from(`{"description": "password: hunter2 and api_key=AKIA", "token": "ab"}\n`.repeat(2000) + '"pass', 'latin1');
  const fromFirst = scanned(first, text);
  t.ok(fromFirst.found.length >= 4000 && fromFirst.controls.length === 2000, `keywords and line breaks found (${fromFirst.found.length}, ${fromFirst.controls.length})`);
  t.same(fromFirst, scanned(new KeywordScanner(rules.rawKeywords!, rules.rawAnchors), text), 'the first scanner finds what a later one finds');
});
