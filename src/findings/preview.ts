/**
 * Previews that identify a credential without revealing it. A preview shows only what is public
 * about the secret — a format's fixed prefix (`ghp_****`), the name it was assigned to
 * (`DB_PASSWORD=****`), a connection URL's scheme, user and host (`postgresql://dbt_svc:****@warehouse.acme.io`),
 * the header or parameter that carries it (`Bearer ****`, `sig=****`) — and never one character
 * of a password or of a secret without a public prefix. The fingerprint tells two secrets apart.
 * This is the only form in which a secret leaves the engine.
 */
import type { DetectorMatch } from '../types.js';
import { DETECTORS } from '../detectors/index.js';
import { DetectorSet } from '../engine/prefilter.js';
import { TOKEN_FORMATS } from '../detectors/token-formats.js';
import { isSecretKeyName } from '../detectors/key-names.js';
import { EMAIL_USER, USER_IS_KEY } from '../detectors/connection-strings.js';
import { placeholderPreview } from '../detectors/dbt-placeholders.js';
import { literalLead, publicPrefixOf, type PrefixOf } from './public-prefix.js';

export const MASK = '****';

export interface PreviewInput {
  /** The value the secret was found in, and the secret's offsets in it. */
  value: string;
  start: number;
  end: number;
  detectorId: string;
  /** The key the value sits under, as findings print it (already masked when it is a secret itself). */
  key: string | undefined;
  /** The secret's text where it is not start…end of the value (a token joined from Jinja literals). */
  secret?: string | undefined;
}

const prefixes = new Map<string, PrefixOf>(TOKEN_FORMATS.map((f) => [f.id, publicPrefixOf(f)]));

/** What the text right before a secret says about it, per context detector; '' when nothing public. */
const CONTEXT: Record<string, (before: string, input: PreviewInput) => string> = {
  // the marker and the variable's name: no value of it is in the text
  'dbt-secret-placeholder': (_before, { value, start, end }) => placeholderPreview(value.slice(start, end)),
  'url-password': urlContext,
  'password-assignment': (before) => assignedName(before),
  'secret-key-name': (_before, { key }) => (key !== undefined && key.length <= 64 && !key.includes(MASK) ? `${printable(key)}=${MASK}` : ''),
  'sql-password': (before) => {
    const m = /(identified\s+by(?:\s+password)?|[A-Za-z_][A-Za-z0-9_]{0,63})\s+(['"])$/i.exec(before);
    return m && /^[^A-Za-z0-9_]?$/.test(before.charAt(m.index - 1)) ? `${m[1]!.replace(/\s+/g, ' ')} ${m[2]}${MASK}${m[2]}` : '';
  },
  'http-auth-header': (before) => {
    const m = /(?:^|[^A-Za-z0-9])(bearer|basic|token|bot)\s+$/i.exec(before);
    return m ? `${m[1]} ${MASK}` : '';
  },
  // `db.example.com:5432:analytics:dbt_user:****`: a .pgpass line's host, port, database and user, as a URL's preview shows them
  'pgpass-line': (before) => /(?:^|[\s`'"(>|])((?:[^\s`'":]{1,253}:){4})$/.exec(before)?.[1]?.concat(MASK) ?? '',
  // `spark.hadoop.fs.s3a.secret.key ****`: the property of a spark-defaults line, as an assignment's name; in Spark SQL's
  // OPTIONS clause, quoted as written (`'fs.s3a.secret.key' '****'`)
  'spark-conf-line': (before) => {
    const m = /(?:^|[\s(,])(['"]?)([A-Za-z0-9_.-]{1,253})\1[ \t]{1,64}(['"]?)$/.exec(before);
    return m ? `${m[1]}${m[2]}${m[1]} ${m[3]}${MASK}${m[3]}` : '';
  },
  // `https://acmelake.blob.core.windows.net/****`: the storage account's endpoint the signature opens (a URL's host,
  // shown as url-password's is), else the parameter (red team 119: `****` alone said nothing of which account to look at)
  'azure-sas-token': (before) => {
    const at = before.lastIndexOf('://');
    const scheme = at >= 0 ? /(?:https?|abfss?|wasbs?)$/i.exec(before.slice(Math.max(0, at - 5), at)) : null;
    const host = scheme ? AZURE_STORAGE_HOST.exec(before.slice(at + 3)) : null;
    return host ? `${scheme![0].toLowerCase()}://${host[1]}/${MASK}` : `sig=${MASK}`;
  },
  'signed-url': (before) => {
    // (`;` ends an HTML-escaped `&amp;`: a static page's link)
    const m = /[?&;]([A-Za-z-]{1,32})=$/.exec(before);
    return m ? `${m[1]}=${MASK}` : '';
  },
};

/** An Azure storage endpoint at the start of a URL's rest, and only its query or path after it up to the signature (no space, quote or bracket). */
const AZURE_STORAGE_HOST = /^([a-z0-9-]{1,63}\.(?:blob|dfs|file|queue|table|web)\.core\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net))(?=[/?:])[^\s'"<>`]{0,320}$/i;

/** How far back context is read: a bounded window, whatever the value's length. */
const WINDOW = 320;

export function previewOf(input: PreviewInput): string {
  const prefix = prefixes.get(input.detectorId)?.(input.secret ?? input.value.slice(input.start, input.end));
  if (prefix) return `${printable(prefix)}${MASK}`;
  const before = input.value.slice(Math.max(0, input.start - WINDOW), input.start);
  // a token without a public prefix may still sit under a secret-named key: `aws_secret_key='…'`
  return CONTEXT[input.detectorId]?.(before, input) || assignedName(before) || MASK;
}

/**
 * `scheme://user:****@host` from the text before and after the password of a connection URL; for the
 * strings without a scheme, `user:****@tcp(host:3306)` (Go's MySQL driver), `user/****@//host:1521`
 * (Oracle's Easy Connect) and `jdbc:oracle:thin:user/****@host` (Oracle's JDBC URL).
 */
function urlContext(before: string, input: PreviewInput): string {
  const { value, end } = input;
  // (a user may be an e-mail address, its `@` unencoded: `trino://svc@acme.com/accountadmin:****@…`)
  const head = URL_HEAD.exec(before);
  const host = /^@([A-Za-z0-9._-]{1,253}|\[[0-9A-Fa-f:.]{1,64}\])/.exec(value.slice(end, end + 260));
  if (!head) return keyAsUserContext(before, input) || schemelessContext(before, input);
  // a user that is itself a token (https://ghp_…:x-oauth-basic@github.com) is as secret as the password
  return `${head[1]}://${maskedUser(head[2]!)}:${MASK}@${host ? host[1] : ''}`;
}

/** A connection URL's scheme and user, up to the `:` before its password (the user an e-mail address too: EMAIL_USER). */
const URL_HEAD = new RegExp(String.raw`([a-z][a-z0-9+.-]{0,39}):\/\/([^\s:/?#@'"\x60<>]{0,256}|${EMAIL_USER}):$`, 'i');

/** `https://****:x-oauth-basic@github.com`: a key that is a URL's user, with the password that says so (empty or a public word, USER_IS_KEY). */
function keyAsUserContext(before: string, { value, end }: PreviewInput): string {
  const scheme = /([a-z][a-z0-9+.-]{0,39}):\/\/$/i.exec(before);
  // (or no password at all, `https://****@github.com`: a token as the whole userinfo, red team 124)
  const after = /^(?::([^\s:/?#@'"`<>]{0,16}))?@([A-Za-z0-9._-]{1,253})/.exec(value.slice(end, end + 280));
  if (!scheme || !after) return '';
  if (after[1] === undefined) return `${scheme[1]}://${MASK}@${after[2]}`;
  return after[1] === '' || USER_IS_KEY.test(after[1]) ? `${scheme[1]}://${MASK}:${after[1]}@${after[2]}` : '';
}

const GO_DSN_AFTER = /^@((?:tcp6?|unix)\([A-Za-z0-9._:[\]\/-]{0,253}\))/;
const ORACLE_AFTER = /^@(\/\/[A-Za-z0-9._-]{1,253}(?::\d{1,5})?|[A-Za-z0-9._-]{1,253}(?::\d{1,5})?)/;

function schemelessContext(before: string, { value, end }: PreviewInput): string {
  const after = value.slice(end, end + 300);
  // (a quoted Oracle password's quote is part of the span, so the user sits right before it)
  const go = /(?<![A-Za-z0-9_.+-])([A-Za-z0-9_.$-]{1,64}):$/.exec(before);
  const goHost = GO_DSN_AFTER.exec(after);
  if (go && goHost) return `${maskedUser(go[1]!)}:${MASK}@${goHost[1]}`;
  const oracle = /(?<![A-Za-z0-9_$#.\/-])((?:jdbc:oracle:(?:thin|oci8?):)?)([A-Za-z][A-Za-z0-9_$#]{0,63})\/$/i.exec(before);
  const oracleHost = ORACLE_AFTER.exec(after);
  if (oracle && oracleHost) return `${oracle[1]}${maskedUser(oracle[2]!)}/${MASK}@${oracleHost[1]}`;
  return '';
}

/**
 * A user name as a preview shows it: masked when it may be a token, of a known format or generated (a 40-hex GitHub token
 * or an Azure DevOps token as the user of a clone URL, red team 103), not when it is a name (`dbt_svc`,
 * `analytics_loader_2024`). What decides is not how random the user reads (red team 105: 66 of 100 random 52-character
 * Azure DevOps tokens passed for names so) but its shape: longer than a person's login, or a run of 16 letters and digits
 * mixed (`svc_7f3a9c2e4b1d4e8a9f3c2d1e`) — a preview loses at most a name by it.
 */
function maskedUser(user: string): string {
  return user.length > MAX_NAME_SHOWN || GENERATED_RUN.test(user) || isSecretKey(user) ? MASK : user;
}

/** The longest user a preview shows: logins and service accounts' names are shorter; a token is longer. */
const MAX_NAME_SHOWN = 32;
/** 16 letters and digits in a row, a digit among them and a letter: a generated id's or token's body, not a word. */
const GENERATED_RUN = /(?=[A-Za-z0-9]{0,15}[0-9])(?=[A-Za-z0-9]{0,15}[A-Za-z])[A-Za-z0-9]{16}/;

/** The secret-named key of `name = '…'`, `"name": "…"`, `name: …`, `name := '…'`, `Pwd={…}`, `PASSWORD = N'…'` right before the value. */
function assignedName(before: string): string {
  const m = /(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{1,64})\\?["']?[ \t]*(?:=>|:=|=|:)[ \t]*(?:N?\\?["']|\{)?$/.exec(before);
  return m && isSecretKeyName(m[1]!) && !isSecretKey(m[1]!) ? `${m[1]}=${MASK}` : '';
}

const NO_KEY = { key: undefined };

/** Every built-in detector, chosen for a key by its keywords as the scan chooses them for a value. */
const ALL_DETECTORS = new DetectorSet(DETECTORS);

/** Keys already judged: a run's findings sit under the same few hundred keys (`nodes`, `meta`, model ids). Bounded. */
const judged = new Map<string, DetectorMatch | null>();
const JUDGED_MAX = 50_000;
const JUDGED_KEY_MAX = 256;

/** The first secret a detector finds in a key (or a URL's user name), whatever key it sits under (shorter than 8: a name, never a secret). */
function secretInKey(segment: string): DetectorMatch | undefined {
  if (segment.length < 8) return undefined;
  const cached = judged.get(segment);
  if (cached !== undefined) return cached ?? undefined;
  // only the detectors whose keyword the key holds, in registry order
  let found: DetectorMatch | undefined;
  let doubted: RawFormat[] | undefined;
  for (const detector of ALL_DETECTORS.select(segment)) {
    [found] = detector.detect(segment, NO_KEY);
    if (found) break;
    const raw = RAW_FORMAT_OF.get(detector.id);
    if (raw) (doubted ??= []).push(raw);
  }
  // …or what a selected token format's pattern matches, unjudged, as maskSecretsIn masks it: a detector passes over a token
  // it doubts (a GitHub token whose random body drew no digit, 2 in 1,000), a key shown must not (a model named by it: CI
  // run 51). (Only the formats the key's keywords selected: every format's keywords asked of every key cost 1.4 s of
  // findings-heavy's 25,000 findings.)
  if (!found && doubted) found = formatMatchesIn(segment, doubted).sort((a, b) => a.start - b.start)[0];
  // …or a token that a name's words follow, glued by `_` or `-` (`ghp_…_token`, `AIza…-api-key`: reviews 167, 168): the key
  // before them read by the formats whose keyword it holds, at its last few separators (a key of a name's length only:
  // a long one of many separators cost a second a key, review 168)
  if (!found && segment.length <= JUDGED_KEY_MAX) {
    const formats = formatsIn(segment);
    let cut = segment.length;
    for (let cuts = 0; formats.length > 0 && !found && cuts < GLUED_CUTS; cuts++) {
      cut = lastSeparator(segment, cut);
      if (cut < 8) break;
      if (/[A-Za-z0-9]/.test(segment[cut - 1]!)) found = formatMatchesIn(segment.slice(0, cut), formats).sort((a, b) => a.start - b.start)[0];
    }
    // …or a token's literal start glued into the key anywhere, then a generated run (`my_ghp_…_token`, `ghp_…Token`:
    // review 168), masked as far as the run goes (a key shown must not print one whole; a name's word after it may go with it)
    found ??= gluedTokensIn(segment, true)[0];
  }
  if (segment.length <= JUDGED_KEY_MAX) {
    if (judged.size >= JUDGED_MAX) judged.clear();
    judged.set(segment, found ?? null);
  }
  return found;
}

/** The token formats' literal starts of four characters or more (`ghp_`, `xoxb-`, `AKIA`, `sk_live_`), and their formats. */
const TOKEN_LEADS: readonly (readonly [string, string])[] = [
  ...new Map(TOKEN_FORMATS.map((f) => [literalLead(f.pattern.source), f.id] as const).filter(([lead]) => lead.length >= 4 && !lead.includes('://'))),
];

/** Every token's literal start in `text` followed by 16 letters and digits or more, a digit among them (`first`: the first only). */
function gluedTokensIn(text: string, first = false): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  for (const [lead, detectorId] of TOKEN_LEADS) {
    for (let at = text.indexOf(lead); at >= 0; at = text.indexOf(lead, at + lead.length)) {
      const run = GENERATED_AFTER.exec(text.slice(at + lead.length, at + lead.length + 1024));
      if (!run) continue;
      out.push({ detectorId, start: at, end: at + lead.length + run[0].length, description: '' });
      if (first) return out;
    }
  }
  return out;
}

/** 16 letters and digits or more, a digit among them, at a text's start. */
const GENERATED_AFTER = /^(?=[A-Za-z]*[0-9])[A-Za-z0-9]{16,}/;

/** The separators a key's last words may follow a glued token at, from its end. */
const GLUED_CUTS = 6;

/** The last `_` or `-` before `before` in `segment` (-1: none). */
function lastSeparator(segment: string, before: number): number {
  return Math.max(segment.lastIndexOf('_', before - 1), segment.lastIndexOf('-', before - 1));
}

/** Whether a key holds what a detector takes for a secret. */
export function isSecretKey(segment: string): boolean {
  return secretInKey(segment) !== undefined;
}

/** A key as paths print it: unchanged, or, when it holds a secret, that secret's preview (`ghp_****`). */
export function previewOfKey(segment: string): string {
  const match = secretInKey(segment);
  return match ? previewOf({ value: segment, ...match, key: undefined }) : segment;
}

/** One line: control characters as spaces. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/**
 * A line for the terminal that may quote what a user typed or an artifact holds (a path, an option's
 * value, an archive member's name: `--format postgres://etl:…@db`, `Given: "ghp_…"`): every secret the
 * built-in detectors find in it masked, a format's public prefix kept (`ghp_****`).
 */
export function maskSecretsIn(given: string): string {
  if (given.length < 8) return given;
  if (given.length > MASKED_LONGEST) return masked(given);
  // (the same line comes again and again: a rendered model's node for each of its findings, a file's name for each)
  let shown = MASKED.get(given);
  if (shown === undefined) {
    if (MASKED.size >= MASKED_MOST) MASKED.clear();
    MASKED.set(given, (shown = masked(given)));
  }
  return shown;
}

/** maskSecretsIn's answers, by line (up to MASKED_MOST lines of MASKED_LONGEST characters at most, then forgotten at once). */
const MASKED = new Map<string, string>();
const MASKED_MOST = 1024;
const MASKED_LONGEST = 4096;

function masked(given: string): string {
  // a URL as a path writes it, its `//` made one (a folder or an archive's entry named `postgresql://u:…@db/…` is
  // `…/postgresql:/u:…@db/…` once joined: red team 112), read and shown as the URL
  const line = given.includes(':/') ? given.replace(COLLAPSED_URL, '$1://') : given;
  const found: DetectorMatch[] = [];
  for (const detector of ALL_DETECTORS.select(line)) for (const m of detector.detect(line, NO_KEY)) found.push(m);
  // …and whatever a token format's pattern matches, unjudged: a detector passes over a token it doubts (a GitHub token
  // whose random body drew no digit, 2 in 1,000: printed whole in a folder's name, CI run 17), a line shown must not
  found.push(...formatMatchesIn(line));
  // …and a token glued to a name's words (`model.p.ghp_…_orders`, a folder `ghp_…_runs`: review 168), as keys are read
  for (const m of gluedTokensIn(line)) found.push(m);
  if (found.length === 0) return given;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const m of found) {
    if (m.end <= at) continue;
    const start = Math.max(m.start, at);
    const prefix = start === m.start ? prefixes.get(m.detectorId)?.(line.slice(m.start, m.end)) : undefined;
    out += line.slice(at, start) + (prefix ? printable(prefix) : '') + MASK;
    at = m.end;
  }
  return out + line.slice(at);
}

/** Every match of a token format's pattern in `text` (of `formats`, a format whose keyword it holds), unjudged. */
function formatMatchesIn(text: string, formats: readonly RawFormat[] = RAW_FORMATS): DetectorMatch[] {
  const lower = text.toLowerCase();
  const out: DetectorMatch[] = [];
  for (const format of formats) {
    if (!holdsKeyword(format, lower)) continue;
    for (const m of text.matchAll(format.pattern)) out.push({ detectorId: format.id, start: m.index, end: m.index + m[0].length, description: '' });
  }
  return out;
}

/** The token formats whose keyword `text` holds. */
function formatsIn(text: string): RawFormat[] {
  const lower = text.toLowerCase();
  return RAW_FORMATS.filter((format) => holdsKeyword(format, lower));
}

/** Whether a text in lower case holds one of a format's keywords. */
function holdsKeyword(format: RawFormat, lower: string): boolean {
  return format.keywords.some((k) => lower.includes(k));
}

interface RawFormat {
  id: string;
  keywords: readonly string[];
  pattern: RegExp;
}

/** Every token format's pattern, global, for maskSecretsIn (formats without keywords are left to their detectors). */
const RAW_FORMATS: readonly RawFormat[] = TOKEN_FORMATS.filter((f) => f.keywords.length > 0).map((f) => ({
  id: f.id,
  keywords: f.keywords,
  pattern: new RegExp(f.pattern.source, f.pattern.flags.replace(/[gy]/g, '') + 'g'),
}));
/** RAW_FORMATS by their detectors' ids. */
const RAW_FORMAT_OF = new Map(RAW_FORMATS.map((f) => [f.id, f]));

/** A URL's scheme at a path's segment's start, then one slash where the URL had two (`runs/https:/user:…@host/target`). */
const COLLAPSED_URL = /(?<=^|[/\\!])([A-Za-z][A-Za-z0-9+.-]{1,30}):\/(?!\/)/g;

/** A finding's message with any quoted name that holds a secret (`value of secret-named key "ghp_…_token"`) masked. */
export function maskNamesIn(message: string): string {
  return message.replace(/"([^"]{8,256})"/g, (quoted, name: string) => (isSecretKey(name) ? `"${previewOfKey(name)}"` : quoted));
}
