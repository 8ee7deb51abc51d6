/**
 * A line of PostgreSQL's password file (`~/.pgpass`, `%APPDATA%\postgresql\pgpass.conf`), pasted
 * into a model's docs, a meta note or a hook: `hostname:port:database:username:password`, each of the
 * first four fields a literal or `*` (libpq's file format; dbt-postgres and dbt-redshift connect
 * through libpq, so a project's runbook tells people to write one). The password is the rest of the
 * line (`\:` and `\\` escape a colon and a backslash in it).
 */
import type { Detector, DetectorMatch } from '../types.js';
import { isRealSecretValue } from './key-names.js';
import { isPlaceholder } from './placeholders.js';
import { scanAll } from './work.js';

/**
 * host, port, database, user, password. The host begins a word (the line's start, or after a space,
 * a quote, a backtick, `>` or `(`); the port is digits or `*`; database and user are names or `*`;
 * the password runs to a space, a quote, a backtick or an angle bracket (`<your password>` is a gap to fill).
 */
const LINE =
  /(?<![^\s`'"(>|])(?<host>\*|[A-Za-z0-9][A-Za-z0-9.-]{0,252}):(?<port>\*|\d{2,5}):(?<db>\*|[A-Za-z0-9_$.-]{1,63}):(?<user>\*|[A-Za-z0-9_$.@-]{1,63}):(?<pw>[^\s`'"<>]{1,256})/g;

/** A host as a pgpass line names one: a name with a letter-led label (`db`, `db.example.com`), an IPv4 address, or `*`. */
const HOST = /^(?:\*|(?:[A-Za-z0-9-]{1,63}\.){0,8}[A-Za-z][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63}){0,8}|\d{1,3}(?:\.\d{1,3}){3})$/;

/** A field in place of a name that is a number only: `12:30:45:00:00` is a time, not a host's database and user. */
const NUMBER = /^\d{1,63}$/;

/** Prose's punctuation after a line quoted in a sentence: `(…:S3cr3t!pw).` keeps its `!`, not a last `.`, `,` or `)`. */
const TRAILING = /[.,;)]{1,2}$/;

export const pgpassDetector: Detector = {
  id: 'pgpass-line',
  title: "A line of PostgreSQL's password file (.pgpass)",
  // the port of PostgreSQL (5432, 5433), Redshift (5439), PgBouncer (6432), or a field's wildcard; or the file's name
  keywords: ['pgpass', ':5432:', ':5433:', ':5439:', ':6432:', ':*:'],
  detect(value): DetectorMatch[] {
    const out: DetectorMatch[] = [];
    for (const m of scanAll(LINE, value)) {
      const { host, port, db, user } = m.groups as Record<string, string>;
      if (!HOST.test(host!) || NUMBER.test(db!) || NUMBER.test(user!)) continue;
      if (port !== '*' && Number(port) > 65535) continue;
      const whole = m.groups!['pw']!;
      const pw = whole.replace(TRAILING, '');
      // `localhost:5432:postgres:postgres:postgres`: a container's default, the user's name as its password
      if (pw === '*' || pw.toLowerCase() === user!.toLowerCase() || !isRealSecretValue(pw, 'password') || isPlaceholder(pw)) continue;
      const start = m.index + m[0].length - whole.length;
      out.push({ detectorId: 'pgpass-line', start, end: start + pw.length, description: 'password in a .pgpass line' });
    }
    return out;
  },
};
