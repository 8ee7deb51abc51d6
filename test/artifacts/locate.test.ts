import t from 'tap';
import { LineIndex, locateStrings } from '../../src/artifacts/locate.js';
import { findSyntaxError, RawIndexer, rawIndexOf } from '../../src/artifacts/json-text.js';

t.test('locates string values by path in one-line JSON, skipping other subtrees', async (t) => {
  const text = '{"a": {"x": "[{\\"}", "b": ["no", {"c": "yes"}]}, "d": "last"}';
  const [c, d, x] = locateStrings(text, [['a', 'b', 1, 'c'], ['d'], ['a', 'x']]);
  t.equal(text.slice(c!, c! + 5), '"yes"');
  t.equal(text.slice(d!, d! + 6), '"last"');
  t.equal(text.slice(x!, x! + 3), '"[{');
});

t.test('the last of duplicate keys wins, as in JSON.parse', async (t) => {
  const text = '{"k": "first", "k": "second"}';
  const [k] = locateStrings(text, [['k']]);
  t.equal(text.slice(k!, k! + 8), '"second"');
});

t.test('unknown paths give -1', async (t) => {
  t.same(locateStrings('{"a": 1}', [['b']]), [-1]);
});

t.test('maps decoded indexes through escapes to raw indexes', async (t) => {
  // decoded: é\n"AKIA...  (é is \u00e9 in the raw text)
  const text = '{"s": "\\u00e9\\n\\"SECRET"}';
  const quote = text.indexOf('"', 5);
  const raw = rawIndexOf(text, quote, 3);
  t.equal(text.slice(raw, raw + 6), 'SECRET');
});

t.test('RawIndexer answers as rawIndexOf does, at every index of a long token, in any order', async (t) => {
  const decoded = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? 'é' : i % 5 === 0 ? '\n' : i % 11 === 0 ? '"' : 'a')).join('');
  const text = `{"s": ${JSON.stringify(decoded).replace(/é/g, '\\u00e9')}}`;
  const quote = text.indexOf('"', 5);
  const indexer = new RawIndexer(text, quote);
  const order = Array.from({ length: decoded.length + 1 }, (_, i) => (i * 1237) % (decoded.length + 1));
  const wrong = order.filter((i) => indexer.rawIndexOf(i) !== rawIndexOf(text, quote, i));
  t.same(wrong, []);
  t.equal(JSON.parse(`"${text.slice(quote + 1, indexer.rawIndexOf(2500))}"`), decoded.slice(0, 2500));
});

t.test('line index gives 1-based lines and UTF-16 columns', async (t) => {
  const idx = new LineIndex('ab\ncd\n\nx');
  t.same(idx.position(0), { line: 1, column: 1 });
  t.same(idx.position(4), { line: 2, column: 2 });
  t.same(idx.position(7), { line: 4, column: 1 });
});

t.test('finds syntax errors without quoting input', async (t) => {
  t.match(findSyntaxError('{"a": 1,}'), { offset: 8, reason: /property name/ });
  t.match(findSyntaxError('{"password": "hunter2" x}'), { offset: 23 });
  t.match(findSyntaxError('{"a": "unterminated'), { reason: /end of input/ });
  t.match(findSyntaxError('[1, 2'), { reason: /end of input/ });
  t.match(findSyntaxError('{"a": tru}'), { offset: 6 });
  t.equal(findSyntaxError('{"a": [1, {"b": null}]}').offset, -1);
});

t.test('deep nesting does not overflow the stack', async (t) => {
  const depth = 100_000;
  const text = '['.repeat(depth) + '"s"' + ']'.repeat(depth);
  const path = new Array(depth).fill(0);
  const [at] = locateStrings(text, [path]);
  t.equal(at, depth);
  t.equal(findSyntaxError(text).offset, -1);
});
