/** The detector registry, and the groups rules refer to (`@tokens`, `@tokens-high`). */
import { SEVERITY_RANK, type Detector, type DetectorContext, type Severity } from '../types.js';
import { assignmentDetector } from './assignments.js';
import { cliPasswordDetector } from './cli-passwords.js';
import { urlPasswordDetector } from './connection-strings.js';
import { httpAuthDetector } from './http-auth.js';
import { isBarePwKey, isPasswordBesideUser, isRowsKey, isSystemPasswordKey, mayHoldKeyUnder, mayHoldSecretUnder, mayHoldShapedSecret, secretKeyNameDetector } from './key-names.js';
import { pgpassDetector } from './pgpass.js';
import { envPasswordDetector } from './env-passwords.js';
import { COLUMN_SAMPLE_MIN, columnSampleDetector, mayHoldColumnSample } from './column-samples.js';
import { dbtSecretPlaceholderDetector } from './dbt-placeholders.js';
import { codeArgumentDetector } from './python.js';
import { sparkConfDetector } from './spark-conf.js';
import { renderedEnvVarDetector } from './rendered-env-vars.js';
import { namesTheVendor } from './formats/define.js';
import { signedUrlDetector } from './signed-urls.js';
import { sqlCredentialDetector } from './sql-credentials.js';
import { TOKEN_FORMATS } from './token-formats.js';
import { tokenDetectors } from './tokens.js';

export const CONTEXT_DETECTORS: readonly Detector[] = [
  urlPasswordDetector,
  signedUrlDetector,
  sqlCredentialDetector,
  cliPasswordDetector,
  pgpassDetector,
  sparkConfDetector,
  httpAuthDetector,
  assignmentDetector,
  secretKeyNameDetector,
  envPasswordDetector,
  columnSampleDetector,
  codeArgumentDetector,
  dbtSecretPlaceholderDetector,
  // last: a value another detector finds by itself is reported by that one
  renderedEnvVarDetector,
];

/** Token formats first: when two detectors find the same secret, the more specific one wins. */
export const DETECTORS: readonly Detector[] = [...tokenDetectors, ...CONTEXT_DETECTORS];

const byId = new Map(DETECTORS.map((d) => [d.id, d]));

export const DETECTOR_GROUPS: Readonly<Record<string, readonly string[]>> = {
  tokens: TOKEN_FORMATS.map((f) => f.id),
  'tokens-high': TOKEN_FORMATS.filter((f) => f.confidence === 'high').map((f) => f.id),
  // medium formats read only right after the vendor's name (`the datadog 5b2e…`, `DEEPSEEK_API_KEY: sk-…`): as telling in prose
  'tokens-named': TOKEN_FORMATS.filter((f) => f.confidence === 'medium' && namesTheVendor(f.pattern)).map((f) => f.id),
};

/**
 * Detectors without keywords that find nothing unless the value's context passes a test: the engine
 * need not decode a value for them when it fails (a pre-filter by context, as keywords are by value).
 * secret-key-name reads the key (a unit test's `rows`, a CSV text, too; and, under a loose name, the value's length: at most `length`
 * characters; under a bare `key` or `api`, the parent's name); env-var-rendered the template the value was rendered from.
 */
export const CONTEXT_GATES: ReadonlyMap<string, (context: DetectorContext, length: number) => boolean> = new Map([
  [
    secretKeyNameDetector.id,
    ({ key, userBeside, parent }: DetectorContext, length: number) => key !== undefined && (mayHoldSecretUnder(key, length) || isPasswordBesideUser(key, userBeside) || isBarePwKey(key) || isSystemPasswordKey(key) || mayHoldKeyUnder(parent, length) || mayHoldShapedSecret(key, length) || isRowsKey(key)),
  ],
  [renderedEnvVarDetector.id, ({ envVars }: DetectorContext) => envVars !== undefined && envVars.length > 0],
  // a password's length, under a name (env-metadata reads it)
  [envPasswordDetector.id, ({ key }: DetectorContext, length: number) => key !== undefined && length >= 10 && length <= 130],
  // a column's description or comment under a secret's name (the free-text rule reads it)
  [columnSampleDetector.id, mayHoldColumnSample],
]);

/**
 * Keywordless detectors that read only a column's documentation (COLUMN_DOC_FIELDS), and the shortest value each
 * reads there: the streamed walk asks them of a value without a keyword only in that place, known from the path's
 * state, so that the fallback rule's other values cost nothing more (4 % of a 10 MB scan's instructions when each
 * was asked for its context).
 */
export const COLUMN_DOC_DETECTORS: ReadonlyMap<string, number> = new Map([[columnSampleDetector.id, COLUMN_SAMPLE_MIN]]);

/** Rank for resolving overlaps: lower wins. */
export const DETECTOR_RANK: ReadonlyMap<string, number> = new Map(DETECTORS.map((d, i) => [d.id, i]));

export function getDetector(id: string): Detector | undefined {
  return byId.get(id);
}

/** The severity a finding of `detectorId` is reported at under a rule of `severity`: the detector's own when lower (Detector.severity). */
export function findingSeverity(severity: Severity, detectorId: string): Severity {
  const most = byId.get(detectorId)?.severity;
  return most !== undefined && SEVERITY_RANK[most] < SEVERITY_RANK[severity] ? most : severity;
}

/** Expand a rule's detector references (ids and @groups) into detectors, in registry order. */
export function resolveDetectors(refs: readonly string[], disabled: ReadonlySet<string> = new Set()): Detector[] {
  const ids = new Set<string>();
  for (const ref of refs) {
    if (ref.startsWith('@')) {
      const group = DETECTOR_GROUPS[ref.slice(1)];
      if (!group) throw new Error(`unknown detector group ${ref}`);
      group.forEach((id) => ids.add(id));
    } else {
      if (!byId.has(ref)) throw new Error(`unknown detector ${ref}`);
      ids.add(ref);
    }
  }
  return DETECTORS.filter((d) => ids.has(d.id) && !disabled.has(d.id));
}
