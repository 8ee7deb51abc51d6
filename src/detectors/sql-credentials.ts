/**
 * Credentials written as SQL literals: `create user … password '…'`, `identified by '…'`,
 * DuckDB `create secret (… secret '…')`, Redshift `secret_access_key '…'`, Snowflake stage
 * `credentials = (aws_secret_key = '…')` (the `=` forms are found by password-assignment).
 */
import type { Detector, DetectorMatch } from '../types.js';
import { isRealSecretValue } from './key-names.js';
import { scanAll } from './work.js';

// The literal follows the keyword after spaces only; no '=' (that form is an assignment).
const SQL_LITERAL =
  /(?<![\w'"$.])(?:with\s{1,16})?(password|identified\s{1,16}by(?:\s{1,16}password)?|secret|token|secret_access_key|session_token|aws_secret_access_key|client_secret|private_key|account_key|connection_string)\s{1,16}(?:'([^'\n]{1,256})'|"([^"\n]{1,256})")/gi;

export const sqlCredentialDetector: Detector = {
  id: 'sql-password',
  title: 'Credential literal in SQL',
  keywords: ['password', 'identified', 'secret', 'token', 'private_key', 'account_key', 'connection_string'],
  // each keyword where SQL_LITERAL can use it (`secret` of client_secret and aws_secret_access_key
  // included), spaces, and the literal's quote: `password_hash` or `token_count` columns are not
  anchor: /(?:password|identified\s{1,16}by(?:\s{1,16}password)?|secret(?:_access_key)?|token|private_key|account_key|connection_string)\s{1,16}['"]/iy,
  detect(value): DetectorMatch[] {
    const out: DetectorMatch[] = [];
    // the literal is quoted: a value without a quote (a column name, most prose) holds none
    if (value.indexOf("'") < 0 && value.indexOf('"') < 0) return out;
    for (const m of scanAll(SQL_LITERAL, value)) {
      const secret = m[2] ?? m[3]!;
      if (!isRealSecretValue(secret)) continue;
      const start = m.index + m[0].length - secret.length - 1;
      out.push({ detectorId: 'sql-password', start, end: start + secret.length, description: `literal after ${m[1]!.toLowerCase().replace(/\s{1,16}/g, ' ')}` });
    }
    return out;
  },
};
