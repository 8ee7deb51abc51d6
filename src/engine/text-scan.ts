/**
 * Scan a plain-text file (rendered SQL or Python, dbt.log) with the detectors of the rule that owns
 * such text: compiled-code for rendered models, run-messages for logs. Positions are the file's own.
 */
import path from 'node:path';
import type { DetectorContext, DetectorMatch, FileKind, Finding } from '../types.js';
import type { TextFileKind } from '../artifacts/text-files.js';
import { compiledSourcePath, logName } from '../artifacts/text-files.js';
import { LineIndex } from '../artifacts/locate.js';
import type { SourceFiles, SourceLocation } from '../artifacts/project.js';
import { maskNamesIn, maskSecretsIn } from '../findings/preview.js';
import { fingerprint, Fingerprints, isByPlace } from '../findings/fingerprint.js';
import { byPlaceSecretId, credentialFrom, prepareMatches } from '../findings/build.js';
import type { Suppressor } from '../findings/suppress.js';
import type { ActiveRule, CompiledRules } from './compile.js';
import { detectValue, NO_CONTEXT, type NodeRef } from './walk.js';
import type { DetectorSet } from './prefilter.js';
import { RawIndexer, readString } from '../artifacts/json-text.js';
import { isLineBlank } from '../util/strings.js';
import { atEncodedPlace, unescapeJson } from '../detectors/decode.js';
import { findingSeverity } from '../detectors/index.js';

const RULE_FOR: Record<TextFileKind, string> = { 'compiled-sql': 'compiled-code', 'compiled-python': 'compiled-code', log: 'run-messages' };

export interface TextScanContext {
  file: string;
  kind: TextFileKind;
  text: string;
  compiled: CompiledRules;
  salt: string;
  suppressor: Suppressor;
  projectDir: string | undefined;
  sources: SourceFiles;
  /** Threads may be used: the guessable values' slow hashes are computed beside this thread (see BuildContext.hashLater). */
  hashLater?: boolean | undefined;
  /** A rendered model's node in its target's manifest (see renderedNode): its raw code's calls read the file, its suppressions cover it. */
  node?: NodeRef | undefined;
}

export function scanTextFile(ctx: TextScanContext): Finding[] {
  const ruleIndex = ctx.compiled.rules.findIndex(({ rule }) => rule.id === RULE_FOR[ctx.kind]);
  const set = ruleIndex >= 0 ? ctx.compiled.detectorSets[ruleIndex] : undefined;
  if (!set) return [];
  // the same detectors, and the same decoding of wrapped secrets, as for a value in an artifact
  const envVars = ctx.node?.envVars;
  const context: DetectorContext = envVars ? { key: undefined, envVars } : NO_CONTEXT;
  // (a log's escaped JSON is read line by line below, not as a decoding of each block: see jsonLineMatches)
  let matches = blockMatches(ctx.text, ctx.compiled, set, context, ctx.kind !== 'log');
  if (ctx.kind === 'log') {
    // (a string's secret as it reads decoded before the same one read in the raw text: `\\` is one backslash of it)
    const decoded = jsonLineMatches(ctx.text, ctx.compiled, set);
    if (decoded.length > 0) matches = ctx.compiled.resolveOverlaps([...decoded, ...matches]);
  }
  if (matches.length === 0) return [];
  const rendered = ctx.kind !== 'log';
  const originalFilePath = rendered ? compiledSourcePath(ctx.file) : undefined;
  // The place without volatile parts: the path under target/ (compiled/<project>/models/x.sql) or the log's name, a
  // backup's as its log's (dbt.log.1 is yesterday's dbt.log: a baseline's entry holds across the rotation, red team 81)
  const location = rendered ? (/(?:^|\/)((?:compiled|run)\/.+)$/.exec(ctx.file.split(path.sep).join('/'))?.[1] ?? path.basename(ctx.file)) : logName(ctx.file);
  // (the model's file as the findings print it: a token in its name masked; the real name is looked up)
  const shown = originalFilePath && maskSecretsIn(originalFilePath);
  return textFindings(ctx, ctx.compiled.rules[ruleIndex]!, matches, () => ({ location }), (written) =>
    originalFilePath ? { originalFilePath: shown, source: ctx.sources.locate(ctx.projectDir, [originalFilePath], written) } : {},
  );
}

/** A text longer than two blocks is read a block of lines at a time, each with the lines before it up to OVERLAP_CHARS. */
export const TEXT_BLOCKS = { blockChars: 256 * 1024, overlapChars: 16 * 1024 };

/**
 * The matches in a text file, as detectValue finds them in the text read whole. A long one (a dbt.log of 20,000 lines) is
 * read in blocks of lines: whole, every detector a keyword anywhere in it selected read all of it, and each decoding of
 * it (unescaped, as base64) was a copy of all of it (red team 77: a 14 MB log took 4.4 s and 684 MB). A block is read
 * with the lines before it, so that a secret written over several lines (a PEM key) across its start is read whole;
 * each match is kept by the block its end falls in (a match that reaches a block's end may go on past it).
 */
function blockMatches(text: string, compiled: CompiledRules, set: DetectorSet, context: DetectorContext, jsonEscapes: boolean): DetectorMatch[] {
  const { blockChars, overlapChars } = TEXT_BLOCKS;
  const detect = (block: string) => detectValue(compiled, set, block, () => context, undefined, true, jsonEscapes) ?? [];
  if (text.length <= 2 * blockChars) return detect(text);
  const out: DetectorMatch[] = [];
  for (let start = 0; start < text.length; ) {
    const lineEnd = text.indexOf('\n', start + blockChars);
    const end = lineEnd < 0 || text.length - lineEnd <= blockChars ? text.length : tableEnd(text, lineEnd + 1, start + TABLE_REACH);
    const from = start === 0 ? 0 : text.lastIndexOf('\n', start - overlapChars) + 1;
    for (const m of detect(text.slice(from, end))) {
      const at = { start: m.start + from, end: m.end + from };
      if (at.end < start || (at.end >= end && end < text.length)) continue;
      out.push({ ...m, ...at });
    }
    start = end;
  }
  return compiled.resolveOverlaps(out);
}

/** How far past a block's start a block is drawn on to the end of a table (see tableEnd). */
const TABLE_REACH = 8 * 1024 * 1024;

/**
 * Where a block that would end at `at` ends: after the Markdown table it would cut, if one goes on there (lines that
 * hold a `|`), up to `limit`. A table's rows are read by its header (`dbt show`'s preview in a log: `| id | login |
 * api_password |`), which the next block need not hold (red team 78: a row 7,000 lines under its header was lost).
 */
function tableEnd(text: string, at: number, limit: number): number {
  let end = at;
  while (end < text.length && end < limit) {
    const next = text.indexOf('\n', end);
    const lineEnd = next < 0 ? text.length : next;
    // (the line's own characters: a search on through the text would read it all at each block's end)
    if (!text.substring(end, lineEnd).includes('|')) break;
    end = next < 0 ? text.length : next + 1;
  }
  return end;
}

/**
 * A log written as JSON lines (dbt's `--log-format-file json`: an object a line, its message in `info.msg`, a node's SQL
 * in `data`): the secrets in its strings as they read decoded, where escapes make them differ from the raw text (Python's
 * json writes a line break in a message as `\n` and text past ASCII as `\u00e9`: `\nghp_…` holds no token's start as
 * written), at their raw places. Only strings with an escape are read again. In a line that is no JSON object, JSON
 * escaped into the text (`{\"password\": \"…\"}`) is read unescaped, the line alone: a block's decoding read a JSON
 * log's every line a second time, for what its strings decoded give (half of a 13 MB log's 4.7 s, red team 104).
 */
function jsonLineMatches(text: string, compiled: CompiledRules, set: DetectorSet): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  // the next quote and the next backslash from a place, remembered: asked from places that only grow, each is searched
  // for once over the text (by indexOf, not character by character: 179 ms of 100 MB of JSON lines were this loop)
  let quoteAt = -1;
  let slashAt = -1;
  const nextQuote = (from: number) => (quoteAt >= from ? quoteAt : (quoteAt = indexOr(text, '"', from)));
  const nextSlash = (from: number) => (slashAt >= from ? slashAt : (slashAt = indexOr(text, '\\', from)));
  for (let line = 0; line < text.length; ) {
    let lineEnd = text.indexOf('\n', line);
    if (lineEnd < 0) lineEnd = text.length;
    // (the line's own blanks: skipWhitespace passes line breaks too, and from each of a run of blank lines read the whole
    // run, red team 95: 200,000 of them took 29 s)
    let first = line;
    while (first < lineEnd && isLineBlank(text.charCodeAt(first))) first++;
    TEXT_SCAN_COUNTS.blanksRead += first - line;
    if (first < lineEnd && text.charCodeAt(first) === 123) {
      // each string token of the line, read once (one that the line does not close ends the reading)
      for (let quote = nextQuote(first + 1); quote < lineEnd; ) {
        let close = quote + 1;
        let escaped = false;
        // an escape before the next quote is passed over whole (`\"` too)
        while (nextSlash(close) < nextQuote(close)) {
          escaped = true;
          close = nextSlash(close) + 2;
        }
        close = nextQuote(close);
        if (close >= lineEnd) break;
        if (escaped) out.push(...decodedMatches(text, quote, compiled, set));
        quote = nextQuote(close + 1);
      }
    } else if (nextSlash(first) < lineEnd) {
      for (const m of escapedJsonMatches(text, first, lineEnd, compiled, set)) out.push(m);
    }
    line = lineEnd + 1;
  }
  return out;
}

/** The matches in the JSON escaped into text[from, to) (a line that is no JSON object), read unescaped, at their raw places. */
function escapedJsonMatches(text: string, from: number, to: number, compiled: CompiledRules, set: DetectorSet): DetectorMatch[] {
  const line = text.slice(from, to);
  const decoded = unescapeJson(line);
  if (!decoded) return [];
  return (detectValue(compiled, set, decoded.text, () => NO_CONTEXT) ?? []).map((m) => atEncodedPlace(m, decoded, from));
}

/** Over the process, for tests: the blanks read before the lines' first characters, as many as the log holds. */
export const TEXT_SCAN_COUNTS = { blanksRead: 0 };

/** text.indexOf(char, from), or text.length where there is none. */
function indexOr(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at < 0 ? text.length : at;
}

/** The matches in the decoded value of the string token at text[quote], at their places in the raw text. */
function decodedMatches(text: string, quote: number, compiled: CompiledRules, set: DetectorSet): DetectorMatch[] {
  let value: string;
  try {
    value = readString(text, quote).value;
  } catch {
    // an escape JSON does not know (`\x41`): the token is read as it stands only
    return [];
  }
  const matches = detectValue(compiled, set, value, () => NO_CONTEXT) ?? [];
  const raw = new RawIndexer(text, quote);
  return matches.map((m) => {
    const start = raw.rawIndexOf(m.start);
    const stop = raw.rawIndexOf(m.end);
    const secret = m.secret ?? value.slice(m.start, m.end);
    // (the secret as it reads: where the raw text spells it with escapes, the span still covers the text as written)
    return { ...m, start, end: stop, ...(text.slice(start, stop) === secret ? {} : { secret }) };
  });
}

/** Where a match in a text file is, for its fingerprint and message: a location without volatile parts, and words for people. */
export interface TextPlace {
  location: string;
  where?: string;
}

/** Findings for matches in a text file, at their offsets, lines and columns in it. `located`: the project file the text came from and where the secret is written there. */
export function textFindings(
  ctx: { file: string; kind: FileKind; text: string; salt: string; suppressor: Suppressor; projectDir: string | undefined; hashLater?: boolean | undefined; node?: NodeRef | undefined },
  { rule, severity }: ActiveRule,
  matches: readonly DetectorMatch[],
  placeOf: (m: DetectorMatch) => TextPlace,
  located: (written: string) => { originalFilePath?: string; source?: SourceLocation | undefined } = () => ({}),
): Finding[] {
  const lines = new LineIndex(ctx.text);
  const fingerprints = new Fingerprints();
  const prepared = prepareMatches(ctx.text, matches, [], ctx.salt, ctx.hashLater);
  return matches.map((m, j) => {
    const { secret, written, preview } = prepared[j]!;
    const { secretHash, credential, byPlace } = credentialFrom(prepared[j]!, m.detectorId, ctx.salt);
    const { location, where } = placeOf(m);
    const place = `${ctx.kind}:${location}`;
    // a log grows: dbt appends each run's lines, and the same secret logged again is the leak accepted before, not a
    // new one (every line of it one fingerprint); a rendered model is written anew, each of its repeats its own
    // (a value past the file's slow-hash budget has only its place and occurrence to tell it from another: see isByPlace)
    const appended = ctx.kind === 'log' && !isByPlace(secretHash);
    const id = appended ? fingerprint({ ruleId: rule.id, detectorId: m.detectorId, secretHash, stablePath: place, occurrence: 0 }) : fingerprints.ofHashed(rule.id, m.detectorId, secretHash, place);
    const { originalFilePath, source } = located(written ?? secret);
    const made = { detectorId: m.detectorId, place, occurrence: appended ? 0 : fingerprints.occurrence };
    const suppressed = ctx.suppressor({ file: ctx.file, path: [], node: ctx.node, ruleId: rule.id, secret, fingerprint: id, made });
    return {
      ruleId: rule.id,
      detectorId: m.detectorId,
      severity: findingSeverity(severity, m.detectorId),
      message: maskNamesIn(`${rule.title}: ${m.description}${where ? ` in ${where}` : ''}`),
      file: ctx.file,
      artifactKind: ctx.kind,
      jsonPath: '$',
      jsonPointer: '',
      location,
      start: lines.position(m.start),
      end: lines.position(m.end),
      charOffset: m.start,
      charLength: m.end - m.start,
      // (a rendered model's node, named as its findings in the manifest name it)
      ...(ctx.node ? { uniqueId: maskSecretsIn(ctx.node.uniqueId) } : {}),
      ...(originalFilePath ? { originalFilePath } : {}),
      ...(source ? { source: { ...source, projectDir: ctx.projectDir } } : {}),
      preview,
      fingerprint: id,
      ...credential,
      ...(byPlace ? { secretId: byPlaceSecretId(id) } : {}),
      ...(suppressed ? { suppressed } : {}),
      ...(m.confidence ? { confidence: m.confidence } : {}),
    } satisfies Finding;
  });
}
