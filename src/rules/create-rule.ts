/**
 * The rule factory: a rule file holds only what is specific to it (where it reads, which
 * detectors it asks, how to fix a leak there); the factory checks it and fills in the rest.
 */
import type { Severity } from '../types.js';
import { compileSelector, type CompiledSelector } from '../engine/paths.js';

export const DOCS_BASE = 'https://github.com/dbt-tools/dbt-tools-lint/blob/main/docs/rules/';

export interface RuleDefinition {
  /** kebab-case, stable: used in config, suppressions, SARIF ruleId. */
  id: string;
  title: string;
  /** One line: what the rule finds. */
  description: string;
  severity: Severity;
  /**
   * JSONPath selectors of the places this rule reads; each covers the value it selects and all below it.
   * Empty for the fallback rule, which reads every value no other rule reads.
   */
  selectors: readonly string[];
  /** Detector ids, or groups: `@tokens` (every token format), `@tokens-high` (distinctive formats only). */
  detectors: readonly string[];
  /** Why a secret here matters in dbt and how to fix it (markdown). */
  remediation: string;
  /**
   * What the rule reads: values under its selectors (default); `fallback`: every value no other rule
   * reads; `artifacts`: whole artifacts compared with each other (no values, no detectors); `page`:
   * the HTML of a static_index.html around its embedded artifacts (no JSON values).
   */
  scope?: 'values' | 'fallback' | 'artifacts' | 'page';
  /**
   * The keys of the objects it reads are names the user chose (meta, `--vars`, env): a distinctive token written as
   * one (`meta: {"xoxb-…": "#data-alerts"}`) is found there too. Not where dbt names the keys (ids, columns).
   */
  readsKeys?: boolean;
  /** GitHub's security-severity (0–10). */
  securitySeverity: number;
  precision: 'very-high' | 'high' | 'medium' | 'low';
}

export interface Rule extends RuleDefinition {
  helpUri: string;
  tags: readonly string[];
  /** Its selectors with their copies on functions, disabled resources and pre-0.19 results (see withCopies): what the walks follow. */
  compiledSelectors: readonly CompiledSelector[];
}

/** The manifest collections whose resources dbt moves to `$.disabled.<unique_id>[*]` when `enabled: false`. */
const DISABLEABLE = new Set(['nodes', 'sources', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests', 'functions']);

/**
 * Selectors and the places that hold the same field of the same resource elsewhere: a function (dbt 1.11's
 * `$.functions.*`) is a compiled node kept in its own collection, with a node's config, meta and code; a disabled
 * resource is the enabled one's object, in a list under `$.disabled.<unique_id>`; before dbt 0.19, run_results.json
 * and sources.json embed each result's node or source whole under `$.results[*].node`. Derived rather than written per
 * rule, so that a place read on an enabled resource is read on its copies too (red team 96; red team 101: a pre-0.19
 * result's node meta and source_meta).
 */
export function withCopies(selectors: readonly string[]): string[] {
  const out = new Set(selectors);
  const copy = (selector: string) => {
    const resource = /^\$\.([a-z_]{1,32})\.\*(?=[.[])/.exec(selector);
    if (!resource) return;
    const collection = resource[1]!;
    const field = selector.slice(resource[0].length);
    if (collection === 'nodes') out.add(`$.functions.*${field}`);
    if (collection === 'nodes' || collection === 'sources') out.add(`$.results[*].node${field}`);
    if (DISABLEABLE.has(collection)) out.add(`$.disabled.*[*]${field}`);
  };
  for (const selector of selectors) copy(selector);
  return [...out];
}

export function createRule(definition: RuleDefinition): Rule {
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(definition.id)) throw new Error(`rule id ${definition.id} is not kebab-case`);
  return {
    ...definition,
    helpUri: `${DOCS_BASE}${definition.id}.md`,
    tags: ['security', 'secret', 'dbt'],
    compiledSelectors: withCopies(definition.selectors).map(compileSelector),
  };
}
