/**
 * Scan a plain-text file (rendered SQL or Python, dbt.log) with the detectors of the rule that owns
 * such text: compiled-code for rendered models, run-messages for logs. Positions are the file's own.
 */
import path from 'node:path';
import type { DetectorMatch, FileKind, Finding } from '../types.js';
import type { TextFileKind } from '../artifacts/text-files.js';
import { compiledSourcePath } from '../artifacts/text-files.js';
import { LineIndex } from '../artifacts/locate.js';
import type { SourceFiles, SourceLocation } from '../artifacts/project.js';
import { maskNamesIn, maskSecretsIn } from '../findings/preview.js';
import { fingerprint, Fingerprints } from '../findings/fingerprint.js';
import { credentialFrom, prepareMatches } from '../findings/build.js';
import type { Suppressor } from '../findings/suppress.js';
import type { ActiveRule, CompiledRules } from './compile.js';
import { detectValue, NO_CONTEXT } from './walk.js';

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
}

export function scanTextFile(ctx: TextScanContext): Finding[] {
  const ruleIndex = ctx.compiled.rules.findIndex(({ rule }) => rule.id === RULE_FOR[ctx.kind]);
  const set = ruleIndex >= 0 ? ctx.compiled.detectorSets[ruleIndex] : undefined;
  if (!set) return [];
  // the same detectors, and the same decoding of wrapped secrets, as for a value in an artifact
  const matches = detectValue(ctx.compiled, set, ctx.text, () => NO_CONTEXT) ?? [];
  if (matches.length === 0) return [];
  const rendered = ctx.kind !== 'log';
  const originalFilePath = rendered ? compiledSourcePath(ctx.file) : undefined;
  // The place without volatile parts: the path under target/ (compiled/<project>/models/x.sql) or the log's name.
  const location = rendered ? (/(?:^|\/)((?:compiled|run)\/.+)$/.exec(ctx.file.split(path.sep).join('/'))?.[1] ?? path.basename(ctx.file)) : path.basename(ctx.file);
  // (the model's file as the findings print it: a token in its name masked; the real name is looked up)
  const shown = originalFilePath && maskSecretsIn(originalFilePath);
  return textFindings(ctx, ctx.compiled.rules[ruleIndex]!, matches, () => ({ location }), (written) =>
    originalFilePath ? { originalFilePath: shown, source: ctx.sources.locate(ctx.projectDir, [originalFilePath], written) } : {},
  );
}

/** Where a match in a text file is, for its fingerprint and message: a location without volatile parts, and words for people. */
export interface TextPlace {
  location: string;
  where?: string;
}

/** Findings for matches in a text file, at their offsets, lines and columns in it. `located`: the project file the text came from and where the secret is written there. */
export function textFindings(
  ctx: { file: string; kind: FileKind; text: string; salt: string; suppressor: Suppressor; projectDir: string | undefined; hashLater?: boolean | undefined },
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
    const { secretHash, credential } = credentialFrom(prepared[j]!, m.detectorId, ctx.salt);
    const { location, where } = placeOf(m);
    const place = `${ctx.kind}:${location}`;
    // a log grows: dbt appends each run's lines, and the same secret logged again is the leak accepted before, not a
    // new one (every line of it one fingerprint); a rendered model is written anew, each of its repeats its own
    const appended = ctx.kind === 'log';
    const id = appended ? fingerprint({ ruleId: rule.id, detectorId: m.detectorId, secretHash, stablePath: place, occurrence: 0 }) : fingerprints.ofHashed(rule.id, m.detectorId, secretHash, place);
    const { originalFilePath, source } = located(written ?? secret);
    const made = { detectorId: m.detectorId, place, occurrence: appended ? 0 : fingerprints.occurrence };
    const suppressed = ctx.suppressor({ file: ctx.file, path: [], node: undefined, ruleId: rule.id, secret, fingerprint: id, made });
    return {
      ruleId: rule.id,
      detectorId: m.detectorId,
      severity,
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
      ...(originalFilePath ? { originalFilePath } : {}),
      ...(source ? { source: { ...source, projectDir: ctx.projectDir } } : {}),
      preview,
      fingerprint: id,
      ...credential,
      ...(suppressed ? { suppressed } : {}),
      ...(m.confidence ? { confidence: m.confidence } : {}),
    } satisfies Finding;
  });
}
