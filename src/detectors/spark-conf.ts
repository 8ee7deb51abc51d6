/**
 * A Hadoop filesystem credential on a line of Spark or Hadoop configuration written as
 * spark-defaults.conf and a Databricks cluster's "Spark config" box write it: the property, spaces,
 * the value (`spark.hadoop.fs.s3a.secret.key …`, `fs.azure.account.key.<account>.dfs.core.windows.net …`),
 * pasted into docs, a meta note, a hook's comment or an error. The `key=value` and `"key": "value"`
 * forms are password-assignment's and secret-key-name's; this is the form without `=` or `:`.
 * A Databricks secret reference (`{{secrets/scope/key}}`), `${env:…}` and other templates are no secret.
 */
import type { Detector, DetectorMatch } from '../types.js';
import { isRealSecretValue, isSecretKeyName } from './key-names.js';
import { isPlaceholder } from './placeholders.js';
import { scanAll } from './work.js';

/**
 * A property of a Hadoop filesystem connector (S3A, the older S3N and S3, ABFS/WASB, GCS), with
 * Spark's `spark.hadoop.` in front or not, at the start of a line (after at most 8 spaces or tabs of
 * indentation, and a comment's `--`, `#` or `//`: a line commented out still holds its value), then
 * spaces or tabs and one word that ends the line.
 */
const LINE = /(?<=^|[\r\n])[ \t]{0,8}(?:(?:--|#|\/\/)[ \t]{0,8})?((?:spark\.hadoop\.)?fs\.(?:s3a|s3n|s3|azure|gs)\.[A-Za-z0-9_.-]{1,200})[ \t]{1,64}([^\s'"`]{1,4096})[ \t]{0,64}(?=\r?\n|$)/g;

/** A word of prose or a setting (`true`, `SimpleAWSCredentialsProvider`, `org.apache.hadoop.fs.s3a.…`), not a credential. */
const WORD_OR_CLASS = /^(?:[A-Za-z]{1,64}|[A-Za-z_$][A-Za-z0-9_$]{0,127}(?:\.[A-Za-z_$][A-Za-z0-9_$]{0,127}){1,16})$/;

export const sparkConfDetector: Detector = {
  id: 'spark-conf-line',
  title: 'Hadoop filesystem credential on a Spark config line',
  keywords: ['fs.s3a.', 'fs.s3n.', 'fs.s3.', 'fs.azure.', 'fs.gs.'],
  detect(value): DetectorMatch[] {
    const out: DetectorMatch[] = [];
    for (const m of scanAll(LINE, value)) {
      const name = m[1]!;
      const secret = m[2]!;
      if (!isSecretKeyName(name) || WORD_OR_CLASS.test(secret) || isPlaceholder(secret) || !isRealSecretValue(secret, name)) continue;
      const start = m.index + m[0].lastIndexOf(secret);
      out.push({ detectorId: 'spark-conf-line', start, end: start + secret.length, description: `value of "${name}" on a Spark config line` });
    }
    return out;
  },
};
