/**
 * Session 64: a JSON document cut short (an upload that stopped) is closed where it was cut, so that what it holds up
 * to there is read at the file's own offsets (red team 72: a password in the first kilobytes of a half-uploaded
 * manifest was never reported, only "invalid JSON"). Every cut of a document with escapes, numbers, literals, empty
 * and nested containers, one-line and pretty, gives JSON that parses and keeps the text up to the last whole token.
 */
import t from 'tap';
import { closeCutShort } from '../../src/artifacts/json-text.js';

const DOCUMENT = {
  metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', env: { DB_PASSWORD: 'Tr0ub4dor&3-"q"\\x', NOTE: 'caf\u00e9 \ud83d\udd11\n' } },
  nodes: { 'model.a.b': { columns: {}, tags: [], meta: { n: [1, -2.5e3, 0, true, false, null], deep: [[[{}]], []] } } },
  docs: {},
};

/** Where a cut text and its closing first differ: all of the cut text, less at most a token cut in two. */
function kept(cut: string, closed: string): number {
  let same = 0;
  while (same < cut.length && closed.charCodeAt(same) === cut.charCodeAt(same)) same++;
  return same;
}

for (const [style, text] of [
  ['one line, as dbt writes', JSON.stringify(DOCUMENT).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)],
  ['pretty, with CRLF', JSON.stringify(DOCUMENT, null, 2).replace(/\n/g, '\r\n')],
] as const) {
  t.test(`every cut of a document, ${style}, closes to JSON that keeps what came before it`, async (t) => {
    let lostMost = 0;
    let failures = 0;
    for (let cut = 1; cut < text.length; cut++) {
      const closed = closeCutShort(text.slice(0, cut));
      if (closed === undefined || !parses(closed)) {
        failures++;
        continue;
      }
      // (the longest token cut in two: a key and its colon, `false`, a `\ud83d` escape)
      lostMost = Math.max(lostMost, cut - kept(text.slice(0, cut), closed));
    }
    t.equal(failures, 0, 'every cut closes to JSON');
    t.ok(lostMost <= ',\r\n    "dbt_schema_version": '.length, `at most a key, its colon and the comma and space before it are dropped (${lostMost})`);
  });
}

t.test('a value cut in two: a string ends where the cut is, less an escape cut in two; a number or a word is dropped', async (t) => {
  t.equal(closeCutShort('{"env": {"PW": "hunter'), '{"env": {"PW": "hunter"}}');
  t.equal(closeCutShort('{"env": {"PW": "hun\\u00'), '{"env": {"PW": "hun"}}');
  t.equal(closeCutShort('{"env": {"PW": "hun\\'), '{"env": {"PW": "hun"}}');
  t.equal(closeCutShort('{"env": {"PW": "hun\\\\'), '{"env": {"PW": "hun\\\\"}}', 'an escaped backslash is whole');
  t.equal(closeCutShort('{"a": [1, 2.'), '{"a": [1]}');
  t.equal(closeCutShort('{"a": [1, tru'), '{"a": [1]}');
  t.equal(closeCutShort('{"a": 12'), '{"a":null}');
  t.equal(closeCutShort('{"a": 1, "b'), '{"a": 1}');
  t.equal(closeCutShort('{"a": 1, "b": '), '{"a": 1, "b":null}');
  t.equal(closeCutShort('[{"a": 1}, '), '[{"a": 1}]');
});

t.test('no cut document: whole, broken before its end, or nothing opened', async (t) => {
  t.equal(closeCutShort('{"a": 1}'), undefined, 'whole');
  t.equal(closeCutShort('{"a": 1}}'), undefined, 'a bracket too many');
  t.equal(closeCutShort('{"a": x, "b": "c'), undefined, 'a syntax error before the cut');
  t.equal(closeCutShort('{"a": [1}'), undefined, 'a bracket that closes the wrong container');
  t.equal(closeCutShort('"a string'), undefined);
  t.equal(closeCutShort('12'), undefined);
});

t.test('100,000 levels cut at the bottom close in one pass', async (t) => {
  const depth = 100_000;
  const closed = closeCutShort(`{"a": ${'[{"b": '.repeat(depth)}"postgres://u:p@h/d`);
  t.ok(closed !== undefined && closed.endsWith(`"${'}]'.repeat(depth)}}`));
});

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

t.test('a cut inside a number or a word is a cut, not a wrong character (red team 75: every finding was dropped)', async (t) => {
  const { findSyntaxError } = await import('../../src/artifacts/json-text.js');
  for (const text of ['{"a": tru', '{"a": [1, 1.5e', '{"a": -', '{"a": Na', '{"a": 1.']) {
    const error = findSyntaxError(text);
    t.same([error.offset, error.reason], [text.length, 'unexpected end of input (truncated file?)'], text);
    t.ok(closeCutShort(text) !== undefined, `${text}: closed`);
  }
  t.equal(findSyntaxError('{"a": trux}').reason, 'unexpected character where a value should start', 'a wrong word before the end is the error it was');
});
