/** What a rule's detectors find in one value, through its keyword search and anchors, as the walk asks (red-team tests). */
import type { Test } from 'tap';
import { compileRules } from '../../src/engine/compile.js';
import { KeywordScanner } from '../../src/engine/keyword-scan.js';
import { detectValue } from '../../src/engine/walk.js';

const rules = compileRules();
const setOf = (id: string) => rules.detectorSets[rules.rules.findIndex((r) => r.rule.id === id)]!;

/** Probes of the rules for values under `key` (`description`, `compiled_code`). */
export function ruleProbe(key: string) {
  /** What `rule` finds in `text`: each match's text. */
  const found = (text: string, rule: string): string[] => (detectValue(rules, setOf(rule), text, () => ({ key })) ?? []).map((m) => text.slice(m.start, m.end));
  return {
    found,
    /** Each text: exactly its secret found. */
    finds(t: Test, rule: string, cases: readonly (readonly [string, string])[]): void {
      for (const [text, secret] of cases) t.same(found(text, rule), [secret], `${rule}: ${text}`);
    },
    /** Each text: nothing found. */
    findsNothing(t: Test, rule: string, texts: readonly string[]): void {
      for (const text of texts) t.same(found(text, rule), [], `${rule}: ${text}`);
    },
  };
}

/** Whether the raw-text search (the stream's, on the JSON text as the file writes it) marks a keyword in `{key: text}`. */
export function markedInRaw(key: string, text: string): boolean {
  const scanner = new KeywordScanner(rules.rawKeywords!, rules.rawAnchors);
  const bytes = Buffer.from(JSON.stringify({ [key]: text }));
  const marks: number[] = [];
  scanner.scan(bytes, 0, bytes.length, marks, []);
  return marks.length > 0;
}
