/**
 * Connection URLs with a password in the userinfo: postgresql://user:PASSWORD@host/db, and the
 * same for mysql, sqlserver, snowflake, mongodb+srv, redis, amqp, https and any other scheme
 * (SQLAlchemy's dialect+driver:// and jdbc:… included); Go's MySQL DSN and Oracle's Easy Connect; and an API key sent
 * as an http(s) URL's user with an empty password (`https://<key>:@api.vendor.com`).
 */
import type { Detector, DetectorMatch } from '../types.js';
import { isDefaultCredential } from './placeholder-grammar.js';
import { isPlaceholder } from './placeholders.js';
import { isTextbookPassword } from './person-made.js';
import { isRealSecretValue, readsLikeAuthToken } from './key-names.js';
import { scanAll } from './work.js';
import { isCloudRegion } from './formats/structure.js';
import { EMAIL_ADDRESS } from './formats/define.js';

// scheme://user:password@ — user may be empty (redis://:pw@host); bounded classes keep this linear.
// The host may be empty when the path or the query follows, or nothing (Airflow's connection URIs:
// snowflake://user:pw@/DB?account=…, aws://<key id>:<secret, %-encoded>@/?region_name=…).
// A password may hold a raw `#` or `@` (`mysql://u:pa#s@x@host`: SQLAlchemy, Python's urlsplit and
// JDBC drivers read up to the last `@` before the host), though a browser would cut the URL at `#`;
// `host:8080#frag@x` is a port and a fragment.
const URL_USERINFO = /(?<![A-Za-z0-9+.-])([a-z][a-z0-9+.-]{0,39}):\/\/([^\s:/?#@'"`<>]{0,256}):([^\s/?'"`<>]{1,256})@(?=[A-Za-z0-9[._-]|\/[A-Za-z0-9_?]|\/?$)/gi;
/**
 * The same with a `/` or a `?` in the password, unescaped (`postgresql://etl:ifRB2J/CO3xpNpdX=@pg.acme.io/dw`, a
 * generated base64 password pasted as it is): RFC 3986 ends the authority there, but drivers that split at the `@`
 * read the password whole, and it stands in the text. Without an `@` in it (a later `@`, an e-mail address in the
 * query, is not the host's), and read only where URL_USERINFO found none at the same place.
 */
const URL_USERINFO_SLASHED = /(?<![A-Za-z0-9+.-])([a-z][a-z0-9+.-]{0,39}):\/\/([^\s:/?#@'"`<>]{0,256}):([^\s'"`<>@]{1,256})@(?=[A-Za-z0-9[._-])/gi;
/**
 * A user that is an e-mail address, written with its `@` unencoded (`trino://alice@acme.com:<password>@host`; Starburst
 * Galaxy's users are addresses, with a role after a `/`: `svc@acme.com/accountadmin`): RFC 3986 wants `%40`, but people
 * paste the address as it is and drivers that split at the last `@` read it (red team 103). The address needs a domain
 * with a dot; the password runs to the last `@` before the host, as URL_USERINFO's does (`Summer@2024xyzQ`: red team 107,
 * cut at its first `@`, the rest was shown as the host), without a `/`, `?`, `#` or `:` (`https://a@acme.com:8443/x?to=b@c.io`
 * is a host, a port and a query; `a@x.com:b@x.com:c@x.com` a list). A word or a version there is no password (EMAIL_FORM_WORD).
 */
export const EMAIL_USER = String.raw`${EMAIL_ADDRESS}(?:\/[A-Za-z0-9_.-]{1,64})?`;
// (built from EMAIL_USER, which the preview shows: test/hostile/regex-safety.test.ts asks recheck about it by name)
export const URL_EMAIL_USER = new RegExp(String.raw`(?<![A-Za-z0-9+.-])([a-z][a-z0-9+.-]{0,39}):\/\/(${EMAIL_USER}):([^\s/?#:'"\x60<>]{1,256})@(?=[A-Za-z0-9[._-])`, 'gi');
/**
 * What the e-mail form's password place holds when it is none: a word or a name, capitalised or not, or two joined
 * (`xmpp://support@acme.com:chat@…`, `…:Alice.Smith@acme.com`: an address after an address), a word in capitals (`HEAD`),
 * a version (`pkg://…:1.9.0@pypi`, `v1.9.0`, `1.0.0-RC1`, `1.9.0rc1`; red teams 108, 109). Not more words (a passphrase,
 * `tingle-oxford-hangar-plural`) nor a version with a random tail (`1.0.0-Xk9mLp2QzAb`: red team 109).
 */
const EMAIL_FORM_WORD = /^(?:[A-Za-z][a-z]{0,31}(?:[._-][A-Za-z][a-z]{0,31})?|[A-Z]{1,16}|[vV]?\d{1,8}(?:\.\d{1,8}){1,4}(?:[-+._]?[A-Za-z]{1,10}\d{0,4})?)$/;
/**
 * Not a password: a port, then a fragment or SQL Server's `;property=value` list
 * (`sqlserver://db:1433;user=etl;password=…@…`: the `@` is in a property's value), or any
 * `;name=` inside (a property list, read by password-assignment setting by setting).
 */
const PORT_OR_PROPERTIES = /^\d{1,5}(?:[#;]|$)|;[A-Za-z][A-Za-z0-9_.-]{0,63}=/;
/** A port and a path or a query (`host:8443/api?email=a@b.com`): no password. */
const PORT_AND_PATH = /^\d{1,5}[/?]/;


/**
 * Two connection strings without a scheme, each with a mark of its own after the `@`:
 * Go's MySQL driver, `user:password@tcp(host:3306)/db` (also `unix(`, `tcp6(`), and Oracle's Easy
 * Connect, `user/password@//host:1521/service`, as sqlplus, cx_Oracle and python-oracledb read it.
 */
const GO_MYSQL_DSN = /(?<![A-Za-z0-9_.+-])([A-Za-z0-9_.$-]{1,64}):([^\s@'"`<>]{1,256})@(?=(?:tcp6?|unix)\()/g;
// (an unquoted password runs to the last `@` before `//host`: `etl/pa#s@x@//db:1521/ORCL`)
const ORACLE_EZCONNECT = /(?<![A-Za-z0-9_$#.\/-])([A-Za-z][A-Za-z0-9_$#]{0,63})\/("[^"\n]{1,256}"|[^\s\/'"`<>]{1,256})@(?=\/\/[A-Za-z0-9[])/g;

/**
 * Easy Connect without its `//`, `user/password@host:port/service`, as Oracle's clients echo it in their errors
 * (`DPY-4011: … analytics/<password>@ora-prod.acme.internal:1521/ORCLPDB1`, red team 65): a host, a port and a service
 * name after the `@`. Read where an Oracle error, its default port or a TNS name is in the value (ORACLE_HINTS). A `<` or
 * `>` is a password's character here (`etl/Kp9x<Lm2Q7r@…`: the password was cut at it, red team 105); a placeholder in
 * angle brackets is isPlaceholder's.
 */
const ORACLE_EZCONNECT_PLAIN = /(?<![A-Za-z0-9_$#.\/-])([A-Za-z][A-Za-z0-9_$#]{0,63})\/("[^"\n]{1,256}"|[^\s\/'"`@]{1,256})@(?=[A-Za-z0-9][A-Za-z0-9.-]{0,253}:\d{1,5}\/[A-Za-z0-9_$#][A-Za-z0-9_.$#-]{0,127}(?![A-Za-z0-9_.$#-]))/g;
/** What says a value is about an Oracle database: its errors' prefixes, its default ports, a TNS name. */
const ORACLE_HINTS = /ORA-\d|DPY-\d|DPI-\d|:152[12]\/|TNS:/i;

/**
 * Oracle's JDBC URL, `jdbc:oracle:thin:user/password@…`, whatever follows the `@`: `host:1521:SID`,
 * a TNS alias or a `(DESCRIPTION=…)` (the prefix says what the pair is; `@//host/service` is Easy
 * Connect's, above). The password runs to the last `@` before the host.
 */
const ORACLE_JDBC = /(?<![A-Za-z0-9_])jdbc:oracle:(?:thin|oci8?):([A-Za-z][A-Za-z0-9_$#]{0,63})\/("[^"\n]{1,256}"|[^\s\/'"`<>]{1,256})@(?=[A-Za-z0-9[(])(?![^\s/@]{0,256}@)/gi;

/**
 * An API key sent as the user of an http(s) URL with an empty password (`https://<key>:@api.vendor.com/…`, as Stripe,
 * Mailgun and Chargebee take one in Basic auth): the `:@` says the user is the credential. Only a user that reads as a
 * generated value (KEY_USER), not a name (`https://git:@…`, `oauth2`, `x-access-token`).
 */
const URL_KEY_USER = /(?<![A-Za-z0-9+.-])(https?):\/\/([A-Za-z0-9_.~-]{20,256}):@(?=[A-Za-z0-9[._-])/gi;
/** `https://<one run of 20 or more>@host`: a userinfo with no `:`, before a host's name. */
const URL_TOKEN_USER = /(?<![A-Za-z0-9+.-])(https?|git\+https|ssh):\/\/([A-Za-z0-9]{20,256})@(?=[A-Za-z0-9][A-Za-z0-9-]{0,62}\.)/gi;
/**
 * After a URL's token-shaped user and its `@`: a Sentry host (`o450000.ingest.sentry.io`, a self-hosted `sentry.acme.io`),
 * then a path that ends in a project's number, and no more — a Sentry DSN, whose key Sentry documents as public: every
 * browser that reports errors holds it (red team 130). Another host's URL ending in a number is a token's still
 * (`https://<token>@git.acme.io/analytics/2024`, `…@jenkins.acme.io/job/x/42`: red team 131). sentry.io's project ids run
 * to 16 digits and more (red team 134); a self-hosted Sentry's are short, and a long number on another host with a `sentry`
 * label (`sentry.ci.acme.io/…/<16 digits>`) is no DSN's (red team 136).
 */
const SENTRY_DSN_REST = /^(?:(?:[A-Za-z0-9-]{1,63}\.){0,4}sentry\.io(?::\d{1,5})?\/(?:[A-Za-z0-9_-]{1,64}\/){0,2}\d{1,20}|(?:[A-Za-z0-9-]{1,63}\.){0,8}sentry(?:\.[A-Za-z0-9-]{1,63}){1,8}(?::\d{1,5})?\/(?:[A-Za-z0-9_-]{1,64}\/){0,2}\d{1,12})(?![\w/@?#-]|\.[\w/])/i;

const HTTP_SCHEME = /^https?$/i;

/** Whether the text at `at` (after an http(s) URL's user and `@`) ends a Sentry DSN (SENTRY_DSN_REST). */
function isSentryDsn(value: string, at: number): boolean {
  return SENTRY_DSN_REST.test(value.slice(at, at + 400));
}

/** A user of letters and digits only: one run, as a token's body is. */
const SINGLE_RUN = /^[A-Za-z0-9]{20,256}$/;
/** Letters and digits both, as a generated key has. */
const KEY_USER = /^(?=[^\d]{0,255}\d)(?=[^A-Za-z]{0,255}[A-Za-z])/;

export const urlPasswordDetector: Detector = {
  id: 'url-password',
  title: 'Password in a connection URL',
  keywords: ['://', '@tcp(', '@tcp6(', '@unix(', '@//', 'oracle:', 'ora-', 'dpy-', 'dpi-', ':1521/', ':1522/', 'tns:'],
  detect(value): DetectorMatch[] {
    const out: DetectorMatch[] = [];
    const found = new Set<number>();
    for (const m of scanAll(URL_USERINFO, value)) {
      found.add(m.index);
      userinfoPassword(m, out);
    }
    // (only a value that holds such a password: one with a `/` or a `?` and an `@` after it)
    if (value.indexOf('@') >= 0) {
      for (const m of scanAll(URL_USERINFO_SLASHED, value)) {
        const password = m[3]!;
        if (found.has(m.index) || !/[/?]/.test(password) || PORT_AND_PATH.test(password) || password.includes('://')) continue;
        userinfoPassword(m, out);
      }
    }
    // (a second `@`: the address's and the host's)
    if (value.indexOf('@', value.indexOf('@') + 1) > 0) {
      for (const m of scanAll(URL_EMAIL_USER, value)) if (!EMAIL_FORM_WORD.test(m[3]!) && isRealSecretValue(m[3]!, 'password')) userinfoPassword(m, out);
    }
    if (value.includes(':@')) for (const m of scanAll(URL_KEY_USER, value)) keyAsUser(m, out);
    // `https://<token>@github.com/acme/pkg.git`: a token as the whole userinfo, as packages.yml clones a private package
    // and git prints the URL (red team 124); one run of letters and digits both, 20 or more, at a host
    for (const m of scanAll(URL_TOKEN_USER, value)) if (!(HTTP_SCHEME.test(m[1]!) && isSentryDsn(value, m.index + m[0].length))) keyAsUser(m, out, true);
    if (value.includes('@tcp') || value.includes('@unix(')) schemeless(value, GO_MYSQL_DSN, 'a Go MySQL DSN', out, false);
    if (value.includes('@//')) schemeless(value, ORACLE_EZCONNECT, 'an Oracle Easy Connect string', out, true);
    if (value.includes('@') && ORACLE_HINTS.test(value)) schemeless(value, ORACLE_EZCONNECT_PLAIN, 'an Oracle Easy Connect string', out, true);
    if (/oracle:/i.test(value)) schemeless(value, ORACLE_JDBC, "Oracle's JDBC URL", out, false);
    return out;
  },
};

/**
 * Passwords that say the user is the credential: GitHub's `https://<token>:x-oauth-basic@github.com` (also written for Azure
 * DevOps tokens), Freshdesk's `<key>:X`, Toggl's `<token>:api_token`. The word is public; the user is the secret (red team
 * 103: the word was reported, so two tokens had one secret id, and the preview printed the token as the URL's user).
 */
export const USER_IS_KEY = /^(?:x-oauth-basic|x|api_token)$/i;

/** A userinfo's password (group 3; scheme and user in 1 and 2), unless it is a placeholder, a port, a region or a default. */
function userinfoPassword(m: RegExpExecArray, out: DetectorMatch[]): void {
  const password = m[3]!;
  if (USER_IS_KEY.test(password)) return keyAsUser(m, out);
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // keep the raw form: a malformed %-escape is still a password
  }
  const scheme = m[1]!.toLowerCase();
  if (decoded.length < 3 || isPlaceholder(decoded) || PORT_OR_PROPERTIES.test(password) || isCloudRegion(decoded) || isDefaultCredential(m[2]!, decoded, scheme.split('+', 1)[0])) return;
  // (a host reserved for examples with a textbook password, `alice:s3cret@db.example.com`; a generated one there is a secret
  // still: fixtures and tests plant real-looking ones at example.com)
  if (ANONYMOUS_USER.test(m[2]!) || (isTextbookPassword(decoded) && isExampleHost(m.input, m.index + m[0].length))) return;
  const start = m.index + m[0].length - 1 - password.length;
  out.push({ detectorId: 'url-password', start, end: start + password.length, description: `password in ${/^[aeio]/.test(scheme) ? 'an' : 'a'} ${scheme}:// URL` });
}

/** Anonymous FTP's users: the password is by custom an e-mail address or `guest`, no secret (red team 115). */
const ANONYMOUS_USER = /^(?:anonymous|ftp)$/i;

/**
 * A host of the names reserved for documentation and tests (RFC 2606, RFC 6761): `example.com`, `.net`, `.org` and their
 * subdomains, and the `.example`, `.test`, `.invalid` and `.localhost` names. A textbook password of a URL to one is a
 * sample's (red team 115).
 */
const EXAMPLE_HOST = /^(?:[A-Za-z0-9-]{1,63}\.){0,8}(?:example\.(?:com|net|org)|[A-Za-z0-9-]{1,63}\.(?:example|test|invalid|localhost))(?![A-Za-z0-9.-])/i;

function isExampleHost(text: string, at: number): boolean {
  return EXAMPLE_HOST.test(text.slice(at, at + 300));
}

/**
 * The user of a URL whose password is empty or says the user is the key (USER_IS_KEY), or that has none
 * (URL_TOKEN_USER: `tokenOnly`, the user read as a token too): reported when it reads as a generated value (KEY_USER), not
 * a name (`https://git:@…`, `oauth2`, `x-access-token`). The user (group 2) follows the scheme (group 1) and `://`.
 */
function keyAsUser(m: RegExpExecArray, out: DetectorMatch[], tokenOnly = false): void {
  const user = m[2]!;
  if (user.length < 20 || !KEY_USER.test(user) || (tokenOnly && !readsLikeAuthToken(user)) || !isRealSecretValue(user)) return;
  // (`x` is also a password written short in an example: after it only a user that is one token's run, not a name with an
  // id in it, `deploy-1a2b3c4d5e6f7a8b9c0d:x@`: red team 105)
  if ((m[3] === 'x' || m[3] === 'X') && !SINGLE_RUN.test(user)) return;
  const start = m.index + m[1]!.length + 3;
  const password = m[3] ? `whose password (${m[3]}) says so` : 'with no password';
  out.push({ detectorId: 'url-password', start, end: start + user.length, description: `key as the user of an ${m[1]!.toLowerCase()}:// URL ${password}` });
}

/**
 * The password (group 2, quotes dropped) of each match of `pattern`, which ends at the `@`. Where
 * the match may be a path (`docs/setup@//…`), a bare lower-case word is not read as a password.
 */
function schemeless(value: string, pattern: RegExp, what: string, out: DetectorMatch[], pathLike: boolean): void {
  for (const m of scanAll(pattern, value)) {
    const quoted = m[2]!.startsWith('"');
    const password = quoted ? m[2]!.slice(1, -1) : m[2]!;
    if (password.length < 3 || (pathLike && !quoted && /^[a-z]{1,16}$/.test(password)) || isPlaceholder(password) || isDefaultCredential(m[1]!, password)) continue;
    const end = m.index + m[0].length - 1 - (quoted ? 1 : 0);
    out.push({ detectorId: 'url-password', start: end - password.length, end, description: `password in ${what}` });
  }
}
