/**
 * A secret-named environment variable rendered into a template's output. Jinja replaces
 * `'{{ env_var("VENDOR_TOKEN") }}'` by the variable's value, so the output holds the value where the
 * template holds the call, between the same literal text:
 *
 *   template   call set_credentials('{{ env_var("VENDOR_SECRET") }}', {{ ref('x') }})
 *   rendered   call set_credentials('Vq9-…', "db"."main"."x")
 *
 * `envVarCalls` reads the template once and keeps, per call, only a bounded piece of the literal
 * text on each side (up to the nearest other construct: `{{ ref() }}`, `{% if %}`, a comment; these
 * change length when rendered). The detector finds each call's `before` and then its `after` in the
 * output, in the template's order, and reports what lies between when it reads like a secret. It
 * gives up on a call rather than guess: no literal on a side, a value across lines, a quote of its
 * own literal in it, Jinja left in it, or the search budget spent.
 */
import type { Detector, DetectorMatch, EnvVarCall } from '../types.js';
import { ownString } from '../util/strings.js';
import { isRealSecretValue, isSecretKeyName } from './key-names.js';
import { charge } from './work.js';

/** How much literal text a call keeps on each side. */
const CONTEXT = 48;
/** The longest value read. */
const MAX_VALUE = 1024;
/** The most calls a template keeps (a node's memory on the streaming path stays bounded). */
const MAX_CALLS = 1024;
/** Search work per character of the output (and a base), after which the remaining calls are given up. */
const BUDGET_PER_CHAR = 16;
const BUDGET_BASE = 65_536;
/** The expression of a construct, bounded in length. */
const MAX_EXPRESSION = 600;

/** `env_var('NAME')` or `env_var("NAME", "default")`, nothing else in the expression (a filter or a `~` changes the value). */
const ENV_VAR_CALL = /^env_var\s{0,8}\(\s{0,8}(['"])([A-Za-z_][A-Za-z0-9_]{0,127})\1\s{0,8}(?:,\s{0,8}(?:(['"])([^'"\\]{0,256})\3|[A-Za-z0-9_.]{1,64})\s{0,8})?\)$/;
const RAW_BLOCK = /^\{%[-+]?\s{0,8}raw\s{0,8}[-+]?%\}$/;
const END_RAW = /\{%[-+]?\s{0,8}endraw\s{0,8}[-+]?%\}/g;

/** A value that is a word, a number, words joined (`analytics_prod`, `eu-west`) or a constant's name: no secret, whatever its name says. */
const PLAIN = /^(?:[A-Za-z]+|[\d.,:+-]+|[a-z]+(?:[_.-][a-z]+)*|[A-Z]+(?:_[A-Z]+)*)$/;

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * The secret-named env_var() calls of a Jinja template, in order, each with the literal text around
 * it (strings of their own: they do not keep the template alive). Linear in the template's length.
 */
export function envVarCalls(template: string): EnvVarCall[] {
  const calls: EnvVarCall[] = [];
  if (!template.includes('env_var')) return calls;
  charge(template.length);
  /** A call waiting for the literal after it, and where it ended. */
  let pending: { call: Omit<EnvVarCall, 'after' | 'atEnd'>; end: number; trimAfter: boolean } | undefined;
  let prevEnd = 0;
  let first = true;
  let i = 0;
  const settle = (next: number) => {
    if (!pending) return;
    const { call, end, trimAfter } = pending;
    const after = literalAfter(template, end, next, trimAfter);
    calls.push({ ...call, after: ownString(after), atEnd: after === '' && next === template.length });
    pending = undefined;
  };
  while (calls.length < MAX_CALLS) {
    const open = template.indexOf('{', i);
    if (open < 0 || open + 1 >= template.length) break;
    const kind = template[open + 1];
    if (kind !== '{' && kind !== '%' && kind !== '#') {
      i = open + 1;
      continue;
    }
    let end = closeOf(template, open, kind);
    // unclosed: Jinja would not render this template
    if (end < 0) break;
    settle(open);
    if (kind === '%' && end - open < 40 && RAW_BLOCK.test(template.slice(open, end))) {
      END_RAW.lastIndex = end;
      const endRaw = END_RAW.exec(template);
      if (!endRaw) break;
      end = endRaw.index + endRaw[0].length;
    }
    if (kind === '{' && end - open <= MAX_EXPRESSION) {
      const inner = template.slice(open + 2, end - 2);
      const trimBefore = inner.startsWith('-');
      const trimAfter = inner.endsWith('-');
      const m = ENV_VAR_CALL.exec(inner.replace(/^[-+]/, '').replace(/[-+]$/, '').trim());
      if (m && isSecretKeyName(m[2]!)) {
        const before = literalBefore(template, prevEnd, open, trimBefore);
        pending = {
          call: { name: m[2]!, fallback: m[4], before: ownString(before), atStart: first && before === '' },
          end,
          trimAfter,
        };
      }
    }
    charge(end - open);
    first = false;
    prevEnd = end;
    i = end;
  }
  if (calls.length < MAX_CALLS) settle(pending ? nextConstruct(template, pending.end) : 0);
  return calls;
}

/** One past a construct's closing delimiter (quoted strings inside skipped), or -1 when it has none. */
function closeOf(text: string, open: number, kind: string): number {
  if (kind === '#') {
    const close = text.indexOf('#}', open + 2);
    return close < 0 ? -1 : close + 2;
  }
  const closer = kind === '{' ? '}' : '%';
  for (let j = open + 2; j < text.length; j++) {
    const c = text[j];
    if (c === "'" || c === '"') {
      j++;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
    } else if (c === closer && text[j + 1] === '}') return j + 2;
  }
  return -1;
}

/** Where the next construct after `from` begins, or the text's end. */
function nextConstruct(text: string, from: number): number {
  for (let j = text.indexOf('{', from); j >= 0 && j + 1 < text.length; j = text.indexOf('{', j + 1)) {
    const k = text[j + 1];
    if (k === '{' || k === '%' || k === '#') return j;
  }
  return text.length;
}

/**
 * The literal text from `from` to `to` (the expression's start) as it renders next to the value: its
 * last CONTEXT characters; without trailing whitespace after `{{-`; without leading whitespace where
 * it begins at another construct (`-%}` and trim_blocks may strip it there).
 */
function literalBefore(text: string, from: number, to: number, trimNear: boolean): string {
  let e = to;
  if (trimNear) while (e > from && isSpace(text.charCodeAt(e - 1))) e--;
  let s = Math.max(from, e - CONTEXT);
  if (s === from) while (s < e && isSpace(text.charCodeAt(s))) s++;
  return text.slice(s, e);
}

function literalAfter(text: string, from: number, to: number, trimNear: boolean): string {
  let s = from;
  if (trimNear) while (s < to && isSpace(text.charCodeAt(s))) s++;
  let e = Math.min(to, s + CONTEXT);
  if (e === to) while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return text.slice(s, e);
}

/**
 * Where each call's value is in `output`: [start, end) pairs, in the calls' order (-1 where a call
 * could not be aligned). Exported for tests.
 */
export function alignCalls(output: string, calls: readonly EnvVarCall[]): [number, number][] {
  const spans: [number, number][] = [];
  const budget = { left: BUDGET_PER_CHAR * output.length + BUDGET_BASE };
  /** Literals known not to occur in the output from this position on. */
  const missing = new Map<string, number>();
  let cursor = 0;
  for (const call of calls) {
    const span = budget.left > 0 ? locate(output, call, cursor, budget, missing) : undefined;
    spans.push(span ?? [-1, -1]);
    if (span) cursor = span[1];
  }
  return spans;
}

/** The first place at or after `cursor` where `before`, a well-formed value and `after` follow each other. */
function locate(output: string, call: EnvVarCall, cursor: number, budget: { left: number }, missing: Map<string, number>): [number, number] | undefined {
  const spend = (n: number) => {
    charge(n);
    budget.left -= n;
  };
  const { before, after } = call;
  if ((before === '' && !(call.atStart && cursor === 0)) || (after === '' && !call.atEnd)) return undefined;
  // a value quoted in the template holds no such quote
  const last = before.at(-1);
  const quote = last === "'" || last === '"' || last === '`' ? last : undefined;
  let from = cursor;
  while (budget.left > 0) {
    let p = 0;
    if (before !== '') {
      if ((missing.get(before) ?? Infinity) <= from) return undefined;
      const at = output.indexOf(before, from);
      spend((at < 0 ? output.length : at + before.length) - from + 1);
      if (at < 0) {
        missing.set(before, from);
        return undefined;
      }
      p = at + before.length;
    } else while (p < output.length && isSpace(output.charCodeAt(p))) p++;
    let q: number;
    if (after === '') {
      q = output.length;
      while (q > p && isSpace(output.charCodeAt(q - 1))) q--;
      spend(output.length - q + 1);
      if (q - p > MAX_VALUE) q = -1;
    } else {
      const window = output.slice(p, p + MAX_VALUE + after.length);
      const k = window.indexOf(after);
      spend((k < 0 ? window.length : k + after.length) + 1);
      q = k < 0 ? -1 : p + k;
    }
    if (q >= p && wellFormed(output, p, q, quote)) return [p, q];
    if (before === '') return undefined;
    from = p - before.length + 1;
  }
  return undefined;
}

/** One line, without the template's quote. */
function wellFormed(output: string, p: number, q: number, quote: string | undefined): boolean {
  const value = output.slice(p, q);
  return !value.includes('\n') && (quote === undefined || !value.includes(quote));
}

/** What a rendered value must read as to be reported: a secret, not a word, a placeholder or Jinja left unrendered. */
export function readsAsRenderedSecret(value: string, call: EnvVarCall): boolean {
  if (value.length < 8 || /\s/.test(value) || value.includes('{{') || value.includes('{%') || value.includes('}}')) return false;
  if (PLAIN.test(value)) return false;
  return isRealSecretValue(value, call.name);
}

export const renderedEnvVarDetector: Detector = {
  id: 'env-var-rendered',
  title: "A secret-named env_var() rendered into compiled code",
  keywords: [],
  detect(value, { envVars }): DetectorMatch[] {
    if (!envVars || envVars.length === 0) return [];
    const out: DetectorMatch[] = [];
    alignCalls(value, envVars).forEach(([start, end], i) => {
      const call = envVars[i]!;
      if (start < 0 || !readsAsRenderedSecret(value.slice(start, end), call)) return;
      out.push({ detectorId: 'env-var-rendered', start, end, description: `value of env_var('${call.name}') rendered into the code` });
    });
    return out;
  },
};
