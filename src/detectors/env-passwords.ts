/**
 * A generated password under an environment variable's name that says nothing (`DBT_ENV_CUSTOM_ENV_X1`,
 * `DBT_ENV_CUSTOM_ENV_PG`): dbt copies every `DBT_ENV_CUSTOM_ENV_*` variable into `metadata.env`, and a value with
 * a password's marks is a password whatever it was named. Read only there (the env-metadata rule): run metadata,
 * a job's id, a branch, a digest, a cron line, a selector, has none of these marks together. A name that says what
 * it holds is no name that says nothing: `JOB_NAME=Nightly#42-Prod`, `BUILD_LABEL=Release#2024Q3-RC1` (red team 77).
 */
import type { Detector, DetectorMatch } from '../types.js';
import { keyWords } from './key-grammar.js';
import { isRealSecretValue, isSecretKeyName } from './key-names.js';
import { charge } from './work.js';

/**
 * 10 to 64 characters, no space, no `/` (a path, a branch, a URL), a lower-case and an upper-case letter, a digit,
 * and a symbol that people and generators put in passwords and run metadata does not hold: `! # $ % ^ & * ?` (not
 * `@`, an address's; nor `+` and `=`, base64's; nor `-`, `_`, `.`, `:`, names' and versions'; nor `~`, an OpenShift
 * token's after its `sha256`, which its own format reads).
 */
const PASSWORD_SHAPE = /^(?=[^\s/]{10,64}$)(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[!#$%^&*?])/;

/**
 * Last words of a name that says it holds a label people write, with `#` and `&` in it (`Nightly#42-Prod`,
 * `CC#4411-DataPlatform`, `dbt-Build&Test2`): a name, a title, a build's or a release's, a branch, a tag, a workflow.
 */
const LABEL_WORDS = new Set([
  'name', 'label', 'title', 'tag', 'tags', 'center', 'centre', 'workflow', 'branch', 'version', 'release', 'sprint', 'milestone',
  'job', 'build', 'pipeline', 'project', 'team', 'owner', 'description', 'desc', 'comment', 'note', 'message', 'summary', 'ticket', 'commit',
]);

/** Whether a name's last word (past a number: `JOB_NAME_2`) says it holds a label (LABEL_WORDS). */
function namesLabel(key: string): boolean {
  const words = keyWords(key);
  let last = words.length - 1;
  if (last > 0 && /^\d{1,8}$/.test(words[last]!)) last--;
  return last >= 0 && LABEL_WORDS.has(words[last]!);
}

export const envPasswordDetector: Detector = {
  id: 'env-password-shape',
  title: "A password's shape under an environment variable's name",
  keywords: [],
  detect(value, { key }): DetectorMatch[] {
    // (longer than a password with spaces around it: none, without a look at it)
    if (value.length > 130) return [];
    charge(value.length);
    const v = value.trim();
    // (a secret's name is secret-key-name's to read: one finding)
    if (key === undefined || isSecretKeyName(key) || !PASSWORD_SHAPE.test(v) || namesLabel(key) || !isRealSecretValue(v, key)) return [];
    // a template or a variable's reference (`${DB_PASSWORD}`, `$HOME`, `{{ … }}`, `%(pw)s`) is none
    if (/^\$\{|^\$[A-Z_]|\{\{|%\(/.test(v)) return [];
    const start = value.indexOf(v);
    return [{ detectorId: 'env-password-shape', start, end: start + v.length, description: `a password's shape in the environment variable "${key}"`, confidence: 'medium' }];
  },
};
