/** CLI manners: did-you-mean, colors by NO_COLOR / FORCE_COLOR, --quiet, help with examples. */
import path from 'node:path';
import t from 'tap';
import { runCli } from './cli-run.js';
import { CLEAN, LEAKY } from './fixture-data.js';

const clean = path.join(CLEAN, 'target');
const leaky = path.join(LEAKY, 'target');

t.test('a mistyped flag is exit 2 with a suggestion', async (t) => {
  const r = await runCli([clean, '--formt', 'json']);
  t.equal(r.code, 2);
  t.match(r.stderr, /Unknown argument: formt \(did you mean --format\?\)/);
  const far = await runCli([clean, '--zzzzzzzz']);
  t.notMatch(far.stderr, /did you mean/);
});

t.test('colors: off when piped, NO_COLOR wins, FORCE_COLOR forces, --no-color overrides', async (t) => {
  const ansi = /\u001b\[/;
  t.notMatch((await runCli([leaky])).stdout, ansi);
  t.match((await runCli([leaky], { env: { FORCE_COLOR: '1' } })).stdout, ansi);
  t.notMatch((await runCli([leaky], { env: { FORCE_COLOR: '0' } })).stdout, ansi);
  t.notMatch((await runCli([leaky], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout, ansi);
  t.notMatch((await runCli([leaky, '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout, ansi);
  t.match((await runCli([leaky, '--color'])).stdout, ansi);
});

t.test('--quiet prints nothing when clean and no summary otherwise', async (t) => {
  const quietClean = await runCli([clean, '--quiet']);
  t.equal(quietClean.code, 0);
  t.equal(quietClean.stdout, '');
  const quietLeaky = await runCli([leaky, '-q']);
  t.equal(quietLeaky.code, 1);
  t.match(quietLeaky.stdout, /env-metadata\/secret-key-name/);
  t.notMatch(quietLeaky.stdout, /distinct secrets/);
});

t.test('--help lists examples, exit codes and every command', async (t) => {
  const r = await runCli(['--help']);
  t.equal(r.code, 0);
  for (const word of ['Examples:', '--format sarif', 'Exit codes', 'redact', 'rules', 'explain', 'init', '--baseline', '--fail-on']) t.match(r.stdout, word);
});
