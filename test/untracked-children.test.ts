/**
 * The processes tests start run as they do for a user: without tap's process tracking, which
 * test/setup/untracked-children.mjs removes (an `--import` of @tapjs/processinfo in NODE_OPTIONS
 * and its `_TAPJS_PROCESSINFO_` variables, added to every child by a hook on spawn).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import t from 'tap';

const probe = 'console.log(JSON.stringify({ options: process.env.NODE_OPTIONS ?? "", tap: Object.keys(process.env).filter((k) => k.startsWith("_TAPJS_PROCESSINFO_")) }))';
const untracked = { options: '', tap: [] };

t.test('tap tracks this test process; the environment its children inherit holds no trace of it', async (t) => {
  t.match(process.execArgv.join(' '), /@tapjs\/processinfo/);
  t.notMatch(process.env.NODE_OPTIONS ?? '', /processinfo/, 'nor in the environment children inherit');
});

t.test('a child started with spawnSync, execFileSync or spawn is not', async (t) => {
  const env = { PATH: process.env.PATH };
  t.same(JSON.parse(spawnSync(process.execPath, ['-e', probe], { env, encoding: 'utf8' }).stdout), untracked, 'spawnSync');
  t.same(JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })), untracked, 'execFileSync with the inherited environment');
  const child = spawn(process.execPath, ['-e', probe], { env });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  await new Promise((resolve) => child.on('close', resolve));
  t.same(JSON.parse(out), untracked, 'spawn');
});
