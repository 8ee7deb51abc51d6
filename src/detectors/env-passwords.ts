/**
 * A generated password under an environment variable's name that says nothing (`DBT_ENV_CUSTOM_ENV_X1`,
 * `DBT_ENV_CUSTOM_ENV_PG`): dbt copies every `DBT_ENV_CUSTOM_ENV_*` variable into `metadata.env`, and a value with
 * a password's marks is a password whatever it was named. Read only there (the env-metadata rule): run metadata,
 * a job's id, a branch, a digest, a cron line, a selector, has none of these marks together.
 */
import type { Detector, DetectorMatch } from '../types.js';
import { isRealSecretValue, isSecretKeyName } from './key-names.js';
import { charge } from './work.js';

/**
 * 10 to 64 characters, no space, no `/` (a path, a branch, a URL), a lower-case and an upper-case letter, a digit,
 * and a symbol that people and generators put in passwords and run metadata does not hold: `! # $ % ^ & * ?` (not
 * `@`, an address's; nor `+` and `=`, base64's; nor `-`, `_`, `.`, `:`, names' and versions'; nor `~`, an OpenShift
 * token's after its `sha256`, which its own format reads).
 */
const PASSWORD_SHAPE = /^(?=[^\s/]{10,64}$)(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[!#$%^&*?])/;

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
    if (key === undefined || isSecretKeyName(key) || !PASSWORD_SHAPE.test(v) || !isRealSecretValue(v, key)) return [];
    // a template or a variable's reference (`${DB_PASSWORD}`, `$HOME`, `{{ … }}`, `%(pw)s`) is none
    if (/^\$\{|^\$[A-Z_]|\{\{|%\(/.test(v)) return [];
    const start = value.indexOf(v);
    return [{ detectorId: 'env-password-shape', start, end: start + v.length, description: `a password's shape in the environment variable "${key}"`, confidence: 'medium' }];
  },
};
