import t from 'tap';
import { compileSelector, PathMatcher, SelectorError } from '../../src/engine/paths.js';

function groupAt(matcher: PathMatcher, path: (string | number)[]): number {
  let state = matcher.start;
  for (const seg of path) state = matcher.step(state, seg);
  return state.group;
}

t.test('selectors cover what they select and everything below, first group wins', async (t) => {
  const m = new PathMatcher([
    ['$.metadata.env', '$.args.vars'].map(compileSelector),
    ['$.nodes.*.compiled_code', '$.results[*].node.compiled_sql'].map(compileSelector),
    ['$.nodes.*.config', '$..checksum'].map(compileSelector),
  ]);
  t.equal(groupAt(m, ['metadata', 'env', 'DB_PASSWORD']), 0);
  t.equal(groupAt(m, ['metadata', 'invocation_id']), -1);
  t.equal(groupAt(m, ['args', 'vars', 'nested', 0, 'x']), 0);
  t.equal(groupAt(m, ['nodes', 'model.a.b', 'compiled_code']), 1);
  t.equal(groupAt(m, ['results', 3, 'node', 'compiled_sql']), 1);
  t.equal(groupAt(m, ['nodes', 'model.a.b', 'raw_code']), -1);
  t.equal(groupAt(m, ['nodes', 'model.a.b', 'config', 'meta', 'k']), 2);
  t.equal(groupAt(m, ['nodes', 'model.a.b', 'checksum', 'checksum']), 2);
  t.equal(groupAt(m, ['disabled', 'x', 0, 'checksum']), 2);
});

t.test('hyphenated and quoted keys compile', async (t) => {
  const m = new PathMatcher([[compileSelector('$.nodes.*.config.pre-hook'), compileSelector("$['odd key'].x")]]);
  t.equal(groupAt(m, ['nodes', 'n', 'config', 'pre-hook', 0, 'sql']), 0);
  t.equal(groupAt(m, ['odd key', 'x']), 0);
});

t.test('filters and whole-document selectors are refused', async (t) => {
  t.throws(() => compileSelector('$'), SelectorError);
  t.throws(() => compileSelector('$.a[?(@.b)]'), SelectorError);
  t.throws(() => compileSelector('nodes'), SelectorError);
});

t.test('the skip test: canImprove tells when a higher-priority group may still match deeper', async (t) => {
  const m = new PathMatcher([[compileSelector('$.metadata.env')], [compileSelector('$.metadata')]]);
  let s = m.step(m.start, 'metadata');
  t.equal(s.group, 1);
  t.equal(s.canImprove, true);
  s = m.step(s, 'invocation_id');
  t.equal(s.group, 1);
  t.equal(s.canImprove, false);
});
