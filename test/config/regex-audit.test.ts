/**
 * The regex audit without recheck (the built-in check) and the optional-peer loader. The package
 * test runs the same refusal end to end from an install that lacks recheck; test/hostile/
 * regex-safety.test.ts checks that the built-in check accepts nothing recheck calls unsafe.
 */
import t from 'tap';
import { auditRegex, builtInRegexCheck, STEP_LIMIT } from '../../src/config/regex-audit.js';
import { UsageError } from '../../src/errors.js';
import { loadOptionalPeer, optionalPeerIfInstalled } from '../../src/optional-peer.js';

const why = (source: string, flags = '') => {
  const verdict = builtInRegexCheck(source, flags);
  return verdict.safe ? 'safe' : verdict.why;
};

t.test('token shapes pass the built-in check', async (t) => {
  for (const source of ['AKIA[0-9A-Z]{16}', 'acme_live_(?<secret>[A-Za-z0-9]{16})', '(?<![A-Za-z0-9])ghp_[A-Za-z0-9]{36}(?![A-Za-z0-9])', 'password=\\S+', 'key=[A-Za-z0-9]{20,}', 'a|b+', '(?:-[a-z]{4}){3}']) {
    t.equal(why(source), 'safe', source);
  }
  t.equal(why('acme_[a-z]{8}', 'i'), 'safe', 'flags do not change the bound');
});

t.test('what it cannot bound is refused, naming the construct and its offset', async (t) => {
  t.match(why('acme_(a+)+$'), /cannot prove .*: an unbounded quantifier on a group at offset 5$/);
  t.match(why('acme_\\w+\\w+='), /an unbounded quantifier \(\*, \+ or \{n,\}\) before the end of the pattern, at offset 5/);
  t.match(why('a.*b'), /before the end of the pattern, at offset 1/, 'an unbounded run that must be followed by something is quadratic over start positions');
  t.match(why('(?=\\w+)x'), /before the end/, 'a lookahead does not consume its run');
  t.match(why('(x)\\1'), /a backreference at offset 3/);
  t.match(why('(a{1,9}){1,9}'), new RegExp(`more than ${STEP_LIMIT} backtracking steps`));
  t.match(why('(a{1,9}){1,9}()'), /more than/, 'an empty group after a huge count does not hide it');
  t.match(why('x{0,30}y{0,30}z'), /more than/, 'adjacent bounded repetitions multiply');
  t.match(why('[a-z0-9]{8,128}X'), /more than/, 'a long bounded run re-scanned from every start');
  t.match(why('[\\q{abc}]', 'v'), /does not read the v flag/);
});

t.test('a refusal never echoes the pattern', async (t) => {
  const token = 'ghp_R8mUq2ZkT4vX9yLp3NcW7bHs1JdF6gAe0oKi';
  const message = why(`${token}(a+)+`);
  t.match(message, /cannot prove/);
  t.notOk(message.includes(token.slice(4, 20)), 'no part of the secret-looking literal');
});

t.test('optional peers: a missing one is exit 2 naming the package; an installed one loads', async (t) => {
  const missing = '@dbt-tools/not-installed-peer';
  const error = await loadOptionalPeer(missing, 'scanning s3:// URLs').then(
    () => undefined,
    (e: unknown) => e,
  );
  t.ok(error instanceof UsageError);
  t.equal((error as UsageError).exitCode, 2);
  t.equal((error as Error).message, `scanning s3:// URLs needs ${missing}: npm i -D ${missing}`);
  t.equal(optionalPeerIfInstalled(missing), undefined);

  const yaml = await loadOptionalPeer<typeof import('yaml')>('yaml', 'reading YAML');
  t.type(yaml.parse, 'function');
  t.type(optionalPeerIfInstalled<typeof import('yaml')>('yaml')?.parse, 'function');
});

t.test('in this repository recheck is not installed (it lives in test-tools/), so configs get the built-in check', async (t) => {
  t.equal(optionalPeerIfInstalled('recheck'), undefined);
  t.match(auditRegex('acme_(a+)+$', ''), { safe: false, by: 'built-in' });
  t.match(auditRegex('acme_[a-z]{8}', 'gi'), { safe: true, by: 'built-in' });
});
