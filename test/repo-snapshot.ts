/**
 * A copy of this repository as it would be committed: tracked files plus new, not ignored ones,
 * with their working-tree content. The packaging and pre-commit tests build from it, so they see
 * uncommitted work and never touch this checkout's dist/ while other tests read it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Git variables of an outer git process (a hook running the tests) must not redirect ours. */
export function cleanGitEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('GIT_')) delete env[key];
  return env;
}

export function copyWorkingTree(dest: string): void {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, env: cleanGitEnv(), encoding: 'utf8' });
  for (const file of listed.split('\0')) {
    if (file === '' || !existsSync(path.join(REPO_ROOT, file))) continue; // deleted but still tracked
    mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
    copyFileSync(path.join(REPO_ROOT, file), path.join(dest, file));
  }
}

/** The copy committed in a repository of its own, as `pre-commit try-repo` wants it. */
export function snapshotRepo(dest: string): void {
  copyWorkingTree(dest);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dest, env: cleanGitEnv(), stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'snapshot');
}
