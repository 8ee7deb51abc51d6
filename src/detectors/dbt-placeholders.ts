/**
 * dbt's stand-in for a secret environment variable, `$$$DBT_SECRET_START$$$<name>$$$DBT_SECRET_END$$$`.
 * dbt renders profiles.yml and packages.yml with `env_var('DBT_ENV_SECRET_…')` giving this marker instead of the
 * value, and puts the value in only where it connects or clones (core/dbt/context/secret.py). The marker holds the
 * variable's name, not its value; but in an artifact it says that a secret's rendering left its context: where the
 * marker was swapped for the value (a query sent, a log line, a package's clone URL) the value was written in full.
 * DBT-ARTIFACTS.md: "should never appear in an artifact; if it does, flag it (low severity)" — a note, which no
 * default gate fails on.
 */
import type { Detector, DetectorMatch } from '../types.js';
import { scanAll } from './work.js';

/** The marker, the variable's name (group 1), and its end marker when written (a cut value may lack it). */
const MARKER = /\$\$\$DBT_SECRET_START\$\$\$([A-Za-z_][A-Za-z0-9_]{0,255})(?:\$\$\$DBT_SECRET_END\$\$\$)?/g;

export const dbtSecretPlaceholderDetector: Detector = {
  id: 'dbt-secret-placeholder',
  title: "dbt's placeholder for a secret environment variable",
  keywords: ['dbt_secret_start'],
  severity: 'note',
  detect(value): DetectorMatch[] {
    const out: DetectorMatch[] = [];
    for (const m of scanAll(MARKER, value)) {
      out.push({
        detectorId: 'dbt-secret-placeholder',
        start: m.index,
        end: m.index + m[0].length,
        description: `dbt's placeholder for the secret variable ${m[1]}, rendered outside profiles.yml (its value is written wherever dbt put it back)`,
      });
    }
    return out;
  },
};

/** A placeholder's preview: the marker and the variable's name (no secret), its end left out. */
export function placeholderPreview(text: string): string {
  const m = /^\$\$\$DBT_SECRET_START\$\$\$([A-Za-z0-9_]{1,64})/.exec(text);
  return m ? `$$$DBT_SECRET_START$$$${m[1]}…` : '';
}
