/**
 * A Hadoop filesystem credential on a line of Spark or Hadoop configuration written as
 * spark-defaults.conf and a Databricks cluster's "Spark config" box write it: the property, spaces,
 * the value (`spark.hadoop.fs.s3a.secret.key …`, `fs.azure.account.key.<account>.dfs.core.windows.net …`),
 * pasted into docs, a meta note, a hook's comment or an error. The `key=value` and `"key": "value"`
 * forms are password-assignment's and secret-key-name's; this is the form without `=` or `:`.
 * So is Spark SQL's `OPTIONS ('fs.s3a.secret.key' '…')` (a `CREATE TABLE … USING` in a model, echoed in dbt.log).
 * A Databricks secret reference (`{{secrets/scope/key}}`), `${env:…}` and other templates are no secret.
 */
import type { Detector, DetectorMatch } from '../types.js';
import { isRealSecretValue, isSecretKeyName } from './key-names.js';
import { isPlaceholder } from './placeholders.js';
import { charge, scanAll } from './work.js';

/**
 * A property of a Hadoop filesystem connector (S3A, the older S3N and S3, ABFS/WASB, GCS), with
 * Spark's `spark.hadoop.` in front or not, at the start of a line (after at most 8 spaces or tabs of
 * indentation, and a comment's `--`, `#` or `//`: a line commented out still holds its value), then
 * spaces or tabs and one word that ends the line.
 */
const LINE = /(?<=^|[\r\n])[ \t]{0,8}(?:(?:--|#|\/\/)[ \t]{0,8})?((?:spark\.hadoop\.)?fs\.(?:s3a|s3n|s3|azure|gs)\.[A-Za-z0-9_.-]{1,200})[ \t]{1,64}([^\s'"`]{1,4096})[ \t]{0,64}(?=\r?\n|$)/g;

/** A word of prose or a setting (`true`, `SimpleAWSCredentialsProvider`, `org.apache.hadoop.fs.s3a.…`), not a credential. */
const WORD_OR_CLASS = /^(?:[A-Za-z]{1,64}|[A-Za-z_$][A-Za-z0-9_$]{0,127}(?:\.[A-Za-z_$][A-Za-z0-9_$]{0,127}){1,16})$/;

/**
 * Spark SQL's `OPTIONS (…)` (`CREATE TABLE … USING parquet OPTIONS (…)`, Databricks' as well): a list of properties,
 * each a name, quoted or a dotted identifier, then its value, with `=` between or only spaces (Spark's propertyList:
 * `'fs.s3a.secret.key' '…'`, `fs.s3a.secret.key '…'`; the `=` form is password-assignment's). One property at a time
 * from where the last one ended; an unquoted name takes all its characters (the lookahead), so a name and an unquoted
 * value never split one run two ways.
 */
const OPTIONS_OPEN = /\boptions[ \t\r\n]{0,8}\(/gi;
const OPTION = /(?:'([\w.-]{1,256})'|"([\w.-]{1,256})"|([A-Za-z_][\w.-]{0,255})(?![\w.-]))[ \t]{0,64}(=[ \t]{0,64})?(?:'([^'\n]{0,4096})'|"([^"\n]{0,4096})"|[^\s,()'"]{1,256})/dy;
/** The most properties read in one clause (Spark's data sources take a few dozen at most). */
const MAX_OPTIONS = 64;
/** A SQL comment: `--` to its line's end, or `/* … *\/` (compiled SQL keeps a model's comments between its properties). */
const SQL_COMMENT = /--[^\n]{0,1024}|\/\*(?:[^*]|\*(?!\/)){0,1024}\*\//y;
/** The most spaces read in one run between an OPTIONS clause's properties. */
const MAX_GAP = 64;

/**
 * Past the spaces and SQL comments at `i` in an OPTIONS clause (`-- TODO: move to an instance profile` before a property,
 * `-- prod key` after one, `/* creds *\/` between two: each hid the property that followed it, red team 105).
 */
function pastSpacesAndComments(text: string, i: number): number {
  for (let n = 0; n < MAX_OPTIONS; n++) {
    const from = i;
    while (i - from < MAX_GAP && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r' || text[i] === '\n')) i++;
    SQL_COMMENT.lastIndex = i;
    const comment = SQL_COMMENT.exec(text);
    if (comment) i += comment[0].length;
    charge(i - from + 1);
    if (!comment) return i;
  }
  return i;
}

/** The string values of an OPTIONS clause's secret-named properties, from `from` (just past its `(`); where it stopped reading. */
function optionSecrets(value: string, from: number, out: DetectorMatch[]): number {
  for (let i = 0; i < MAX_OPTIONS; i++) {
    OPTION.lastIndex = from = pastSpacesAndComments(value, from);
    const m = OPTION.exec(value);
    charge(m ? m[0].length : 1);
    if (!m) return from;
    // the property's end: a `,` or the clause's `)`, past spaces and comments
    from = pastSpacesAndComments(value, m.index + m[0].length);
    const separator = value[from];
    if (separator !== ',' && separator !== ')') return from;
    from++;
    const name = m[1] ?? m[2] ?? m[3]!;
    // (with `=`, password-assignment's, as everywhere)
    const secret = m[4] === undefined ? m[5] ?? m[6] : undefined;
    if (secret !== undefined && isSecretKeyName(name) && !WORD_OR_CLASS.test(secret) && !isPlaceholder(secret) && isRealSecretValue(secret, name)) {
      const start = (m.indices![5] ?? m.indices![6])![0];
      out.push({ detectorId: 'spark-conf-line', start, end: start + secret.length, description: `value of "${name}" in a Spark OPTIONS clause` });
    }
    if (separator === ')') return from;
  }
  return from;
}

export const sparkConfDetector: Detector = {
  id: 'spark-conf-line',
  title: 'Credential on a Spark config line or in a Spark SQL OPTIONS clause',
  keywords: ['fs.s3a.', 'fs.s3n.', 'fs.s3.', 'fs.azure.', 'fs.gs.', 'options'],
  // (`options` is a common word: only the clause's opening wakes the detector)
  anchor: /fs\.(?:s3a|s3n|s3|azure|gs)\.|options[ \t\r\n]{0,8}\(/iy,
  detect(value): DetectorMatch[] {
    const out: DetectorMatch[] = [];
    for (const m of scanAll(LINE, value)) {
      const name = m[1]!;
      const secret = m[2]!;
      if (!isSecretKeyName(name) || WORD_OR_CLASS.test(secret) || isPlaceholder(secret) || !isRealSecretValue(secret, name)) continue;
      const start = m.index + m[0].lastIndexOf(secret);
      out.push({ detectorId: 'spark-conf-line', start, end: start + secret.length, description: `value of "${name}" on a Spark config line` });
    }
    // (an `OPTIONS (` inside a clause already read, in a property's value, is not read again)
    let read = 0;
    for (const m of scanAll(OPTIONS_OPEN, value)) if (m.index >= read) read = optionSecrets(value, m.index + m[0].length, out);
    return out;
  },
};
