/**
 * Connection URLs with a password in the userinfo: postgresql://user:PASSWORD@host/db, and the
 * same for mysql, sqlserver, snowflake, mongodb+srv, redis, amqp, https and any other scheme
 * (SQLAlchemy's dialect+driver:// and jdbc:… included).
 */
import type { Detector, DetectorMatch } from '../types.js';
import { isDefaultCredential } from './placeholder-grammar.js';
import { isPlaceholder } from './placeholders.js';
import { scanAll } from './work.js';

// scheme://user:password@ — user may be empty (redis://:pw@host); bounded classes keep this linear.
// The host may be empty when the path follows (Airflow's snowflake://user:pw@/DB?account=…).
// A password may hold a raw `#` (`postgres://u:pa#ss@host`: libpq and most drivers read up to the
// last `@`), though a browser would cut the URL there; `host:8080#frag@x` is a port and a fragment.
const URL_USERINFO = /(?<![A-Za-z0-9+.-])([a-z][a-z0-9+.-]{0,39}):\/\/([^\s:/?#@'"`<>]{0,256}):([^\s/?@'"`<>]{1,256})@(?=[A-Za-z0-9[._-]|\/[A-Za-z0-9_])/gi;

export const urlPasswordDetector: Detector = {
  id: 'url-password',
  title: 'Password in a connection URL',
  keywords: ['://'],
  detect(value): DetectorMatch[] {
    const out: DetectorMatch[] = [];
    for (const m of scanAll(URL_USERINFO, value)) {
      const password = m[3]!;
      let decoded = password;
      try {
        decoded = decodeURIComponent(password);
      } catch {
        // keep the raw form: a malformed %-escape is still a password
      }
      if (decoded.length < 3 || isPlaceholder(decoded) || /^\d{1,5}(?:#|$)/.test(password) || isDefaultCredential(m[2]!, decoded)) continue;
      const start = m.index + m[0].length - 1 - password.length;
      out.push({ detectorId: 'url-password', start, end: start + password.length, description: `password in a ${m[1]!.toLowerCase()}:// URL` });
    }
    return out;
  },
};
