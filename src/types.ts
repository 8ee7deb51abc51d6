/** Shared value types. Everything that crosses a folder boundary is declared here. */

export type Severity = 'error' | 'warning' | 'note';

export const SEVERITY_RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

/** How long a leaked credential stays useful: until rotated, or until it expires by itself. */
export type Lifetime = 'static' | 'short-lived';

/** One step of a JSON path: an object key or an array index. */
export type PathSegment = string | number;

/** A match reported by a detector, with offsets into the string it was given. */
export interface DetectorMatch {
  detectorId: string;
  /** Offset of the first character of the secret itself (not its keyword or key). */
  start: number;
  /** Offset one past the last character of the secret. */
  end: number;
  /**
   * The secret's text, where it is not the value's start…end: a token joined from Jinja string
   * literals (`'sk_live_' ~ '4eC3…'`) is the joined token, an ODBC value with a doubled brace
   * (`Pwd={Zx9}}q}`) the password undoubled (`Zx9}q`), so that it is the same secret (the same
   * fingerprint and secret id) as that secret written out elsewhere. The span still covers the
   * text as written.
   */
  secret?: string;
  /** Short human description of what was found, never containing the value. */
  description: string;
  /**
   * How sure the detector is of this match, where a structure check decided it rather than the
   * format alone: high when a vendor's checksum verifies, medium when it does not match.
   */
  confidence?: 'high' | 'medium';
  /**
   * The name the value was read under, where that is not its key: a list entry's `name` (`[{name:
   * DB_PASSWORD, value: …}]`), which the preview shows (`DB_PASSWORD=****`) instead of `value`.
   */
  name?: string;
}

/** What a detector may know about where a string sits. Detectors know nothing of dbt. */
export interface DetectorContext {
  /** The nearest object key above the value ("password", "DB_PASSWORD"), if any. */
  key: string | undefined;
  /** The value's position when it is an element of an array right under `key` (`auth: [user, password]`). */
  index?: number | undefined;
  /**
   * A user key (`user`, `username`, `login`) is in the same object as the value, before or after it:
   * `{user: etl, pass: …}` (dbt-postgres' profile key `pass`), or the same pair with its keys sorted
   * (`{pass: …, user: etl}`), where `pass` and `pw` name a password.
   */
  userBeside?: boolean | undefined;
  /**
   * The key of the object the value is in, when the value's own key says little alone (`key`,
   * `api`: see isChildKey) and that object is itself under a key: `{sendgrid: {key: …}}` is a
   * SendGrid key as `sendgrid_key: …` is. Both walks set it only for such a key, and for a column's documentation
   * (`{columns: {client_secret: {description: …}}}`, a catalog column's `comment`): the column's name. (One field for
   * both: a context object of another shape made every detector's reads of the context slower, 4 % of a scan.)
   */
  parent?: string | undefined;
  /** `key` is a list entry's name, the value its `value` (`[{name: DB_PASSWORD, value: …}]`: see ENTRY_NAME). */
  entry?: boolean | undefined;
  /**
   * When the value is a template's rendered output (a dbt node's compiled code): the template's
   * `{{ env_var('…') }}` calls whose names say secret, each with the literal text around it.
   */
  envVars?: readonly EnvVarCall[] | undefined;
}

/** A secret-named env_var()'s value as a Jinja template renders it (`{{ env_var('NAME') }}`, a name set to it, a piece of a `~` concatenation), with what must surround it once rendered. */
export interface EnvVarCall {
  name: string;
  /** A project variable's (`var('db_password')`), not an environment variable's. */
  projectVar?: true;
  /** Other env vars the value may be of: each branch of an `if` set the name used to one (`PROD_PASSWORD`, `DEV_PASSWORD`). */
  otherNames?: readonly string[];
  /** The default (`env_var('X', 'default')`) as it would render (after the expression's filters), when one is given. */
  fallback: string | undefined;
  /** A filter that changed the value's case before it was rendered (`| upper`); undefined when rendered as it is. */
  filter: 'upper' | 'lower' | undefined;
  /** The template text right before the expression, as it renders (at most a few dozen characters); '' when none. */
  before: string;
  /** The template text right after it, likewise. */
  after: string;
  /** Nothing but whitespace comes before the expression in the template (so '' before is the text's start). */
  atStart: boolean;
  /** Nothing but `after` and whitespace comes after it (so the text ends with `after`). */
  atEnd: boolean;
  /**
   * The value of a variable that names no secret, rendered by a loop over a literal list beside those
   * that do (`{% for v in ['DBT_USER', 'DBT_PASSWORD'] %}`): aligned, so that the next call is not looked
   * for in its rendering, and never reported.
   */
  silent?: true;
}

export interface Detector {
  id: string;
  title: string;
  /**
   * Lower-case literals; the detector runs only when one occurs in the value (case-insensitive).
   * An empty list means the detector runs on every value it is given.
   */
  keywords: readonly string[];
  /**
   * Where a match can start (see detectors/anchors.ts): a sticky regex that matches at one of the
   * keywords wherever a match of the detector begins. A keyword found where it fails selects no
   * detector. Undefined: a match may begin anywhere a keyword occurs.
   */
  anchor?: RegExp;
  detect(value: string, context: DetectorContext): DetectorMatch[];
  /** The most its findings are reported at, when less than their rule's severity (dbt's secret placeholder: a note). */
  severity?: Severity;
  /**
   * detect, told where its anchor matched: `places` (increasing) holds every keyword's place in the
   * value where a match of it can begin (the keywords found there select it by its anchor only), so
   * it reads the value around them alone; the same matches as detect. Optional: the engine calls it
   * only where it knows every such place (see DetectorSet.select).
   */
  detectAt?(value: string, context: DetectorContext, places: readonly number[]): DetectorMatch[];
}

/**
 * partial-parse: target/partial_parse.msgpack, dbt's whole Manifest object in MessagePack (binary:
 * its findings' offsets are bytes). semantic-manifest: target/semantic_manifest.json (dbt 1.6+).
 * graph-summary: target/graph_summary.json (dbt 1.6+), the DAG's nodes by name. perf-info:
 * target/perf_info.json, the timings `dbt parse` writes.
 */
export type ArtifactKind = 'manifest' | 'run-results' | 'catalog' | 'sources' | 'partial-parse' | 'semantic-manifest' | 'graph-summary' | 'perf-info';

/** What a scanned file is: a JSON artifact, or a rendered model's SQL or Python (target/compiled, target/run), or a dbt log, or the page of a static_index.html around its embedded artifacts. */
export type FileKind = ArtifactKind | 'compiled-sql' | 'compiled-python' | 'log' | 'static-html';

export interface ArtifactInfo {
  kind: ArtifactKind;
  /** Schema version number (1 for manifest/v1), or 0 for the pre-0.19 shapes without one. */
  schemaVersion: number;
  dbtVersion: string | undefined;
  invocationId: string | undefined;
  generatedAt: string | undefined;
}

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units (what SARIF expects by default). */
  column: number;
}

/**
 * A finding as formatters see it: the secret itself is gone, only a masked preview remains.
 */
export interface Finding {
  ruleId: string;
  detectorId: string;
  severity: Severity;
  message: string;
  /** Artifact file path as given on the command line (or found in a directory), with forward slashes. */
  file: string;
  artifactKind: FileKind;
  /** Normalized JSONPath (`$` for plain-text files), e.g. $.nodes['model.shop.orders'].compiled_code */
  jsonPath: string;
  /** RFC 6901 pointer, e.g. /nodes/model.shop.orders/compiled_code */
  jsonPointer: string;
  /** The JSON path without volatile parts (array positions, generated hashes): what fingerprints and baselines key on. */
  location: string;
  /** Where the secret itself starts and ends in the artifact file (end is exclusive). */
  start: Position;
  end: Position;
  /**
   * Offset of the secret in the file text, in UTF-16 code units, and its length in the file (escapes
   * counted). A UTF-8 byte order mark is not counted, as `start` and `end` do not count it (editors hide it):
   * offset, line and column name the same character. In a binary artifact (partial_parse.msgpack): bytes, and `start` is line 1, column offset + 1.
   */
  charOffset: number;
  charLength: number;
  /**
   * In a binary artifact (partial_parse.msgpack) only: the same offset and length, under names that say
   * they count bytes (a reader of `charOffset` takes it for characters). Absent for text files.
   */
  byteOffset?: number;
  byteLength?: number;
  /** dbt node the value belongs to, when it sits in one. */
  uniqueId?: string;
  /** The project file the node came from (models/…sql, models/…yml), when dbt records it. */
  originalFilePath?: string;
  /**
   * The project file to show the finding in: where the literal is written when it is (a .sql file,
   * the YAML with the meta), else the node's file. Relative to the dbt project root.
   */
  source?: { file: string; projectDir: string | undefined; start?: Position; end?: Position };
  /** A few leading characters of the secret, then ****. */
  preview: string;
  /** Stable across runs: rule, detector, salted hash of the value, JSON path. Never the value. */
  fingerprint: string;
  /**
   * The secret's identity: the same value gives the same id in every artifact and run (derived from
   * its salted hash; never the value, never the fingerprint). Absent on findings about files.
   */
  secretId?: string;
  /** static: works until rotated; short-lived: expires by itself. Absent on findings about files. */
  lifetime?: Lifetime;
  /** When the credential stops working (ISO 8601), where the value says so (JWT exp, SAS se=, X-*-Expires). */
  expiresAt?: string;
  /** True when `expiresAt` was before the scan started: still reported, at severity note, ranked last. */
  expired?: boolean;
  /** Present when the finding is accepted: it is reported as suppressed and does not fail the run. */
  suppressed?: Suppression;
  /** The match's own confidence, where a structure check decided it (a token's checksum verifies: high; does not match: medium). */
  confidence?: 'high' | 'medium';
}

export interface Suppression {
  /** allowlist: the config file; inline: the node's meta in the dbt project; baseline: the baseline file. */
  kind: 'allowlist' | 'inline' | 'baseline';
  justification: string;
}

export interface ScanSummary {
  filesScanned: number;
  artifacts: Array<{ file: string; kind: FileKind; schemaVersion: number; bytes: number; invocationId?: string; generatedAt?: string }>;
  bytesScanned: number;
  stringsScanned: number;
  findings: number;
  /** Findings accepted by an allowlist, a meta suppression or the baseline (not in `findings`' count). */
  suppressed: number;
  bySeverity: Record<Severity, number>;
  /** How many different secret values the findings (not suppressed) are: what there is to rotate. */
  distinctSecrets: number;
  durationMs: number;
}

export interface ScanResult {
  findings: Finding[];
  summary: ScanSummary;
}
