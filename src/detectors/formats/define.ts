/**
 * What a token format is, and the helpers the family files (src/detectors/formats/*.ts) write
 * their rows with. Every pattern is written for linear time: bounded repetition, disjoint classes
 * around literals, fixed one-character lookbehinds. All samples are made up; none is a real credential.
 */


/** A realistic string with a made-up secret planted in it. */
export interface TokenSample {
  text: string;
  /** Exactly the span the detector must report. */
  secret: string;
}

export interface TokenFormat {
  /** Kebab-case, unique: 'github-classic-pat'. */
  id: string;
  /** Human title; becomes the match description. Never contains a value. */
  title: string;
  /** Lower-case literals; the regex runs only when one occurs in the value (case-insensitive). */
  keywords: readonly string[];
  /** The secret is the named group `secret` when present, else the whole match. Only `i` is kept of its flags. */
  pattern: RegExp;
  /** Minimum Shannon entropy (bits/char) of the secret. */
  entropy?: number;
  /** high: distinctive enough for any text (descriptions, docs). medium: needs its context name. */
  confidence: 'high' | 'medium';
  /**
   * A structure the vendor defines that the regex cannot check (a checksum, a decoded header): a
   * candidate that fails it is not this format. Pure, and linear in the secret's length.
   */
  verify?: (secret: string) => boolean;
  /**
   * A checksum the vendor builds into the token (GitHub's and npm's CRC-32). Unlike `verify` it does
   * not gate: scanners are judged on tokens generated from their peers' regexes, whose random bodies
   * carry no valid checksum, and a mistyped token is still a leak. A match whose checksum verifies
   * is certain (confidence high, and its message says so); one whose checksum does not match is kept
   * only when its body looks random (`looksRandom`), at confidence medium, its message saying that
   * it may be a test value or a mistyped token. Undefined: the secret has no checksum to check (a
   * longer, newer form). Pure, and linear in the secret's length.
   */
  checksum?: (secret: string) => boolean | undefined;
  /**
   * The structure a real key of the format has (a PEM body that decodes to DER or an OpenSSH key).
   * Like `checksum` it does not gate, for the same reason: a key made up from a peer's regex, or
   * one cut or mangled on its way into an artifact, has a random body. A match with the structure
   * keeps the row's confidence; one without is kept at confidence medium, its message saying so.
   * Pure, and linear in the secret's length.
   */
  keyStructure?: (secret: string) => boolean;
  /**
   * A literal that every match of `pattern` holds, as written (case kept; not for a pattern with the
   * `i` flag): a value without it (nor a Jinja `~` joining literals) is not searched. For a format
   * whose keywords are common words (`bearer` in a column name), so that the regex does not run
   * over every long value that holds one.
   */
  contains?: string;
  /**
   * Where a match can start (see Detector.anchor), for a pattern whose own cannot be worked out (patternAnchor):
   * a sticky regex with the `i` flag, tested at each of the keywords; a keyword where it fails selects no format.
   */
  anchor?: RegExp;
  /** Why the row is shaped as it is (stricter than a peer's, context-only, …); shown in the docs. */
  note?: string;
  /** Each yields exactly one match of this id, spanning `secret`. */
  truePositives: readonly TokenSample[];
  /** Near misses that must yield no match of this id. */
  falsePositives: readonly string[];
}

/** `text` with its one `%s` replaced by `secret`. */
export function plant(text: string, secret: string): TokenSample {
  const parts = text.split('%s');
  if (parts.length !== 2) throw new Error(`sample needs exactly one %s: ${text}`);
  return { text: parts.join(secret), secret };
}

/**
 * A secret assigned to a telling name, the way it shows up in SQL, YAML, JSON, env files and
 * HTTP headers: `NAME = 'v'`, `"NAME": "v"`, `NAME: v`, `NAME 'v'`, `\"NAME\": \"v\"`.
 * `name` and `secret` are regex sources; the pattern is case-insensitive.
 */
export function assigned(name: string, secret: string, end = '(?![A-Za-z0-9_+/=-])', flags: 'i' | '' = 'i'): RegExp {
  return new RegExp(`${assignedTo(name.split(NAME_TAIL).join(SPACED_NAME_TAIL), NOT_AN_IDENTIFIER)}(?<secret>${secret})${end}`, flags);
}

/**
 * What may follow a vendor's name in the name a secret is assigned to (`BITBUCKET_CLIENT_SECRET`, `sumoAccessKey`), as the
 * rows write it; read with spaces and tabs too, as the peers' keyword rules read it (gitleaks' `[ \t\w.-]{0,20}` after
 * the keyword): `bitbucket key: …`, `codecov upload token = …` (red team 123).
 */
const NAME_TAIL = '[A-Za-z0-9_.-]{0,20}?';
// (the spaced form only before an operator, `:` or `=`: a name, a space and a value, `adafruit_feed string adafruit_io_…`,
// `the deepseek model sk-…`, is a type or a word before it, no assignment; and a space only before a name's character,
// so that the name ends where NOT_AN_IDENTIFIER reads it: `neon_api_key_id = …`)
const SPACED_NAME_TAIL = `(?:${NAME_TAIL}|(?=[A-Za-z0-9_. \\t-]{0,20}[ \\t]{0,4}[:=])(?:[A-Za-z0-9_.-]|[ \\t](?=[A-Za-z0-9_.-])){0,20}?)`;

/**
 * A character of a URL's path as a template writes it, where a Jinja expression stands for one part (`…/historical/{{ day
 * }}.json?app_id=…`, red team 84): its spaces end no URL. The three alternatives begin differently, so a path is read once.
 */
export const TEMPLATED_PATH_CHAR = `(?:[^\\s'"#{]|\\{\\{[^{}\\n]{0,64}\\}\\}|\\{(?!\\{))`;

/**
 * A query's `&` as a file writes it: raw, or escaped as HTML requires in an attribute (`&amp;`, `&#38;`, `&#x26;`,
 * zero-padded as WordPress writes it, `&#038;`, or escaped twice, `&amp;amp;`: red team 102), as a static docs page
 * writes a link and as a description or meta value copied from a web page keeps it (red team 100). After the `&` the
 * escape's `amp;`/`#` can begin no parameter's name, so a query is still read once.
 */
export const QUERY_AMPERSAND = '&(?:amp;(?:amp;)?|#0{0,4}38;|#[xX]0{0,4}26;)?';

/**
 * An e-mail address (or a Kerberos principal, `svc_dbt@ACME.LOCAL`), as a pattern's source: url-password's user in the
 * e-mail form (connection-strings.ts's EMAIL_USER) and what a password for a system is not (key-names.ts). Here, in a
 * module that imports nothing, as those two import each other.
 */
export const EMAIL_ADDRESS = String.raw`[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}`;

/**
 * A name's last word that says its value identifies a thing rather than opens it: `airbyte_workspace_id`,
 * `airbyte_client_id`, `hightouch_workspace_id`, `lightdash_project_uuid`, `hex_project_slug`. A vendor's
 * ids are UUIDs and random strings that fit its secret's shape (red team 79: `airbyte_connection_id: <uuid>`
 * in a log line read as an Airbyte client secret); a JSON key so named was never asked (tokens.ts, keyedFormat).
 * Both cases are spelled out: a vendorWord name is matched case-sensitively.
 */
const NOT_AN_IDENTIFIER = `(?<![_. \\t-](?:[iI][dD]|[iI][dD][sS]|[uU][uU][iI][dD]|[gG][uU][iI][dD]|[sS][lL][uU][gG]|[nN][aA][mM][eE]))`;

/**
 * The regex source of what `assigned` puts before a secret: the name, an optional quote, then `=`,
 * `:`, `=>`, Make's `:=` `::=` `:::=` `?=`, PHP's `.=` or spaces, an optional quote; or the name and
 * the value as two quoted arguments (`set_secret('NAME', 'v')`, `setProperty("NAME", "v")`).
 * `nameEnd`, a lookbehind, is what the name must not end with.
 */
export function assignedTo(name: string, nameEnd = ''): string {
  const quote = `(?:\\\\?["'\`])?`;
  const separator = `(?:\\s{0,4}(?:=>|:{1,3}=|[?.]=|[:=])\\s{0,5}|\\s{1,4})`;
  const argument = `\\\\?["']\\s{0,4},\\s{0,4}\\\\?["']`;
  // (not an XML element's `>`: an alternative before the name would cost the pattern its anchor, and `count > x`
  // compares; not Go's `name string =`: trying it after every name cost the pre-filter 0.85 %)
  return `${ASSIGNED_START}${name})${nameEnd}(?:${quote}${separator}${quote}|${argument})`;
}

/**
 * Whether a pattern was built by `assigned`: its match begins with the name the secret is set under (the
 * vendor's, `DEEPSEEK_API_KEY = …`, `the datadog 5b2e…`), so that the name stands right before the value.
 */
export function namesTheVendor(pattern: RegExp): boolean {
  return pattern.source.startsWith(ASSIGNED_START) && pattern.source.includes('(?<secret>');
}

const ASSIGNED_START = '(?<![A-Za-z0-9])(?:';

/**
 * A vendor's name and what of theirs, written as words in prose (`datadog api key`, `Twilio auth
 * token`), optionally followed by `is` or `was`: a name for `assigned`, whose `\s{1,4}` separator then
 * reads `the Datadog API key is 5b2e…` as it reads `DD_API_KEY 5b2e…`. `what` is a regex source whose
 * words are joined by `[ \t]{1,4}`; its alternatives are grouped here. The value's shape (and the vendor's name near it) is what makes it a key.
 */
export function inWords(vendor: string, what: string): string {
  return `${vendor}[ \\t]{1,4}(?:${what})(?:[ \\t]{1,4}(?:is|was))?`;
}

/**
 * A vendor's name as a word of a key name, for `assigned(…, 'cased')`: written lower, UPPER or
 * Capitalized and ending where a word ends (`sumoAccessKey`, `SUMO_ACCESS_KEY`, `SumoKey`), then
 * up to 20 more name characters. A case-insensitive name finds the vendor inside other words:
 * "sumo" in `sumOfExposures`, "cohere" in `coherenceScore`, "intercom" in `intercompany_key`.
 */
export function vendorWord(...words: string[]): string {
  const tail = '[A-Za-z0-9_.-]{0,20}?';
  return words
    .flatMap((w) => [`${w}(?![a-z])`, `${w[0]!.toUpperCase()}${w.slice(1)}(?![a-z])`, `${w.toUpperCase()}(?![A-Z])`])
    .map((w) => `${w}${tail}`)
    .join('|');
}

/** The flags of a pattern whose name is a vendorWord: case-sensitive (its classes spell both cases). */
export const CASED = '';

/** A PEM block with 64-character lines joined by `newline` (a real one, or `\\n` as in a JSON string). */
export function pemBlock(label: string, body: string, newline = '\n', width = 64): string {
  const lines = body.match(new RegExp(`.{1,${width}}`, 'g')) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join(newline);
}

/** A family of formats: one file under formats/, one docs page. */
export interface FormatFamily {
  /** Kebab-case; names the docs page. */
  id: string;
  title: string;
  formats: readonly TokenFormat[];
}

/** A generated id or key mixes letters and digits; a path, a word or a run of digits does not (a format's `verify`). */
export function lettersAndDigits(s: string): boolean {
  return /[0-9]/.test(s) && /[a-z]/i.test(s);
}

/** What dbt artifacts are full of; no entry may match these without a prefix or a context name. */
export const SHA256 = '9b6648801def5b8a7e954358988530abb6ea2a45cbacef5116b348128674d42c';
export const MD5 = '64c04571c40b557afa5a495bc273bcc7';
export const UUID = '3b93153c-ac74-4b01-a21f-543912b5c21d';
