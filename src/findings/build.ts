/**
 * Turn one artifact's value hits into findings: exact positions of each secret in the raw text,
 * a masked preview, a fingerprint, the secret's id and the credential's lifetime and expiry (read
 * from the value while it is still at hand). The secret itself is dropped here.
 *
 * The streaming walk holds its hits until the file ends (a node's file and suppressions may come
 * after the value): it keeps of each value only what a finding reads (`prepareMatches`), not the
 * value, so that thousands of findings in compiled SQL do not hold the SQL.
 */
import type { ArtifactKind, DetectorMatch, Finding, Lifetime, PathSegment, Position } from '../types.js';
import type { ActiveRule } from '../engine/compile.js';
import { previewKeyOf, type ValueHit } from '../engine/walk.js';
import { LineIndex, locateStrings } from '../artifacts/locate.js';
import { RawIndexer } from '../artifacts/json-text.js';
import { isSecretKey, maskNamesIn, maskSecretsIn, previewOf, previewOfKey } from './preview.js';
import { Fingerprints, hashSecret, hashSecretSoon, isByPlace, secretIdHash, settledHash, stablePath } from './fingerprint.js';
import { maskPath, toJsonPath } from './paths.js';
import { ArtifactFinding, type FindingKind } from './record.js';
import { FindingStore } from './store.js';
import { secretIdOf } from './secret-id.js';
import { internString, ownString } from '../util/strings.js';
import { credentialLifetime } from '../detectors/lifetime.js';
import { findingSeverity } from '../detectors/index.js';
import type { Suppressor } from './suppress.js';
import type { SourceFiles, SourceLocation } from '../artifacts/project.js';

export interface BuildContext {
  file: string;
  kind: ArtifactKind;
  /** The artifact text, to find the hits' tokens in; not needed when every hit carries `at` (streaming). */
  text: string | undefined;
  rules: readonly ActiveRule[];
  salt: string;
  suppressor: Suppressor;
  /** The dbt project root of this artifact, when known, and a reader of its files. */
  projectDir: string | undefined;
  sources: SourceFiles;
  /**
   * Threads may be used: the slow hashes of the hits' guessable values are handed to a thread of their
   * own before the first finding asks for one, and this thread hashes beside it (see slow-hash.ts).
   */
  hashLater?: boolean | undefined;
}

/**
 * The findings of one artifact's hits. It takes the hits: each leaves the array once its findings
 * are built, so that a file's hits and its findings are not all held at once. The streaming walk
 * gives its hits one at a time (each with its token's place), not in an array.
 */
export function buildFindings(hits: (ValueHit | undefined)[] | Iterable<ValueHit>, ctx: BuildContext): Finding[] {
  const array = Array.isArray(hits) ? hits : undefined;
  const span = !array || array.every((h) => h?.at) ? spanFromToken() : spanInText(ctx.text ?? '', array as ValueHit[]);
  const findings: Finding[] = [];
  const fingerprints = new Fingerprints();
  // a node id and its file as the findings print them: one a secret was written into (a model named after a token,
  // `models/ghp_….sql`) masked, once per node (isSecretKey: its answer for the id is known already, the JSON path asked it
  // of the same segment; the file's is one more look per node)
  const shownNames = new Map<string, string>();
  const shownName = (name: string | undefined) => name && (shownNames.get(name) ?? shownNames.set(name, internString(isSecretKey(name) ? maskSecretsIn(name) : name)).get(name)!);
  // a source without a position is the same for every finding in its file: one object
  const sourceFiles = new Map<string, NonNullable<Finding['source']>>();
  const shownSource = (source: SourceLocation): NonNullable<Finding['source']> => {
    if (source.start) return withProject(source, ctx.projectDir);
    let shared = sourceFiles.get(source.file);
    if (!shared) sourceFiles.set(source.file, (shared = withProject(source, ctx.projectDir)));
    return shared;
  };
  // what only the report reads of the findings; one object for each rule, detector and message
  const store = new FindingStore();
  const kinds = new Map<string, FindingKind>();
  const kindOf = (ruleIndex: number, m: DetectorMatch): FindingKind => {
    const key = `${ruleIndex}\u0000${m.detectorId}\u0000${m.confidence ?? ''}\u0000${m.description}`;
    let kind = kinds.get(key);
    if (!kind) {
      const { rule } = ctx.rules[ruleIndex]!;
      const message = internString(maskNamesIn(`${rule.title}: ${m.description}`));
      kinds.set(key, (kind = { ruleId: rule.id, detectorId: m.detectorId, message, artifactKind: ctx.kind, confidence: m.confidence }));
    }
    return kind;
  };
  // every value is offered to the file's slow-hash budget before the first finding settles one (see FileHashes); where
  // threads may be used, the values kept go to a thread of their own meanwhile
  if (array) for (const hit of array) if (hit && !hit.prepared) hit.prepared = prepareMatches(hit.value, hit.matches, hit.path, ctx.salt, ctx.hashLater ?? false);
  let h = -1;
  for (const hit of hits) {
    h++;
    if (!hit) continue;
    if (array) array[h] = undefined;
    const { rule, severity } = ctx.rules[hit.ruleIndex]!;
    // the path as printed: a key that is a secret itself is masked (the suppressor sees the real one)
    const shownPath = maskPath(hit.path);
    // (a flat string of its own: a finding keeps it for the whole run, and works out its pointer and location from it)
    const jsonPath = toJsonPath(shownPath);
    const location = stablePath(shownPath, hit.node?.uniqueId);
    const prepared = hit.prepared ?? prepareMatches(hit.value, hit.matches, hit.path);
    hit.matches.forEach((m, j) => {
      const { secret, written, preview } = prepared[j]!;
      const { start, end, startAt, endAt } = span(hit, h, m, j);
      const { secretHash, credential, byPlace } = credentialFrom(prepared[j]!, m.detectorId, ctx.salt);
      const place = `${ctx.kind}:${location}`;
      const id = fingerprints.ofHashed(rule.id, m.detectorId, secretHash, place);
      // Config and hooks may be set in dbt_project.yml rather than in the node's own files. Found in none, the
      // value is the node's own file's; a node known by its id only (a catalog or run results scanned without
      // their manifest) has no file to name, and dbt_project.yml is no guess for it
      const own = hit.node ? [hit.node.originalFilePath, hit.node.patchPath].filter((x): x is string => x !== undefined) : [];
      const candidates = hit.node ? [...own, 'dbt_project.yml'] : [];
      const source = ctx.sources.locate(ctx.projectDir, candidates, written ?? secret, own.length > 0);
      const made = { detectorId: m.detectorId, place, occurrence: fingerprints.occurrence };
      const suppressed = ctx.suppressor({ file: ctx.file, path: hit.path, node: hit.node, ruleId: rule.id, secret, fingerprint: id, made });
      findings.push(
        new ArtifactFinding(
          {
            kind: kindOf(hit.ruleIndex, m),
            severity: findingSeverity(severity, m.detectorId),
            file: ctx.file,
            jsonPath,
            charOffset: start,
            charLength: end - start,
            uniqueId: shownName(hit.node?.uniqueId),
            originalFilePath: shownName(hit.node?.originalFilePath),
            source: source ? shownSource(source) : undefined,
            preview,
            fingerprint: id,
            secretId: byPlace ? byPlaceSecretId(id) : credential.secretId!,
            lifetime: credential.lifetime!,
            expiresAt: credential.expiresAt,
            suppressed,
          },
          startAt,
          endAt,
          store,
        ),
      );
    });
  }
  return findings;
}

/** What a finding reads of its value: the secret, its masked preview, and what the value says of the credential's lifetime. */
export interface PreparedMatch {
  secret: string;
  /** The secret as the value writes it, where that is not `secret` (a token joined from Jinja literals: its pieces and the `~` between): what a project's file holds, to locate it by. */
  written?: string;
  preview: string;
  lifetime: Lifetime;
  expiresAt: string | undefined;
  /** hashSecretSoon's answer with the run's salt, when the thread that found it asked (settledHash gives the hash). */
  secretHash?: string;
}

/**
 * Each match's part of the value, in strings of their own (a slice of a long value would keep all
 * of it alive): the secret, its preview (under the value's nearest key in `path`, or the name of an
 * object that wraps it: see previewKeyOf; masked as a finding prints it) and what the value says of
 * the credential's lifetime; with `salt`, its hash
 * too, or the mark that stands for it until the findings are built (a guessable value's slow hash: see hashSecretSoon;
 * with `later`, a thread of its own computes it meanwhile). Artifact values and plain-text files alike.
 */
export function prepareMatches(value: string, matches: readonly DetectorMatch[], path: readonly PathSegment[], salt?: string, later = false): PreparedMatch[] {
  const raw = previewKeyOf(path);
  const pathKey = raw === undefined ? undefined : previewOfKey(raw);
  return matches.map((m) => {
    // (a list entry's value is shown under the entry's name: see DetectorMatch.name)
    const key = m.name === undefined ? pathKey : previewOfKey(m.name);
    // (a token joined from Jinja literals is the joined token: see DetectorMatch.secret)
    const written = value.slice(m.start, m.end);
    const secret = m.secret === undefined ? ownString(written) : ownString(m.secret);
    const { lifetime, expiresAt } = credentialLifetime(m.detectorId, value, m.start, m.end, secret);
    const preview = previewOf({ value, start: m.start, end: m.end, detectorId: m.detectorId, key, secret: m.secret });
    return { secret, ...(m.secret === undefined ? {} : { written: ownString(written) }), preview: ownString(preview), lifetime, expiresAt, ...(salt === undefined ? {} : { secretHash: hashSecretSoon(secret, salt, m.detectorId, later) }) };
  });
}

/**
 * A finding's source, written out: a spread (`{ ...source, projectDir }`) gave each finding's
 * source a hidden class of its own, about 200 bytes a finding.
 */
function withProject(source: SourceLocation, projectDir: string | undefined): NonNullable<Finding['source']> {
  return source.start ? { file: source.file, start: source.start, end: source.end!, projectDir } : { file: source.file, projectDir };
}

/** What a prepared match says of its credential: the value hash (computed once: the fingerprint takes it too), the secret's id, lifetime and expiry. */
export function credentialFrom(p: PreparedMatch, detectorId: string, salt: string): { secretHash: string; credential: Pick<Finding, 'secretId' | 'lifetime' | 'expiresAt'>; byPlace: boolean } {
  const secretHash = p.secretHash === undefined ? hashSecret(p.secret, salt, detectorId) : settledHash(p.secretHash, p.secret, salt, detectorId);
  const idHash = secretIdHash(p.secret, salt, detectorId, secretHash);
  return { secretHash, credential: { secretId: secretIdOf(idHash), lifetime: p.lifetime, ...(p.expiresAt ? { expiresAt: p.expiresAt } : {}) }, byPlace: isByPlace(idHash) };
}

/**
 * The secret id of a finding whose value was not hashed (credentialFrom's `byPlace`: past its file's slow-hash budget),
 * from its fingerprint: its own, so that such values are not all counted as one secret.
 */
export function byPlaceSecretId(fingerprint: string): string {
  return secretIdOf(`by-place\u0000${fingerprint}`);
}

/** Where a match is in the artifact text: offsets (UTF-16 units) and line/column of both ends. */
type Span = (hit: ValueHit, index: number, match: DetectorMatch, matchIndex: number) => { start: number; end: number; startAt: Position; endAt: Position };

/** In-memory: find the tokens in the text, once per artifact and only when it has hits. */
function spanInText(text: string, hits: readonly ValueHit[]): Span {
  const offsets = locateStrings(text, hits.map((h) => h.path), hits.some((h) => h.inKey) ? hits.map((h) => h.inKey === true) : undefined);
  const lines = new LineIndex(text);
  const indexers = new Map<number, RawIndexer>();
  const rawIndexOf = (token: number, decoded: number) => {
    let indexer = indexers.get(token);
    if (!indexer) indexers.set(token, (indexer = new RawIndexer(text, token)));
    return indexer.rawIndexOf(decoded);
  };
  return (hit, index, m) => {
    const token = offsets[index]!;
    const quoted = token >= 0 && text.charCodeAt(token) === 34;
    // Offsets in the raw text: escapes (\n, \", \u00e9) before the secret widen it. A number read is its JavaScript
    // string (`1E5` is `100000`): one written otherwise is placed whole (red team 82: redact masked past `1E5`, over `}}`)
    const written = token < 0 || quoted ? 0 : numberEnd(text, token) - token;
    const whole = written > 0 && written !== hit.value.length;
    const start = token < 0 ? 0 : quoted ? rawIndexOf(token, m.start) : whole ? token : token + m.start;
    const end = token < 0 ? 0 : quoted ? rawIndexOf(token, m.end) : whole ? token + written : token + m.end;
    return { start, end, startAt: lines.position(start), endAt: lines.position(end) };
  };
}

/** Where the number written at `at` ends: its digits, sign, point and exponent. */
function numberEnd(text: string, at: number): number {
  let i = at;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69)) break;
  }
  return i;
}

/** Streaming: the walk recorded each token's place and each match's span in it; a JSON token never spans lines. */
function spanFromToken(): Span {
  return (hit, _index, m, j) => {
    const at = hit.at!;
    const start = at.offset + (at.rawSpans ? at.rawSpans[2 * j]! : m.start);
    const end = at.offset + (at.rawSpans ? at.rawSpans[2 * j + 1]! : m.end);
    return { start, end, startAt: { line: at.line, column: at.column + start - at.offset }, endAt: { line: at.line, column: at.column + end - at.offset } };
  };
}
