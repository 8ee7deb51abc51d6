/**
 * A secret-named environment variable (or project variable, `var()`) rendered into a template's output. Jinja replaces
 * `'{{ env_var("VENDOR_TOKEN") }}'` by the variable's value, so the output holds the value where the
 * template holds the call, between the same literal text:
 *
 *   template   call set_credentials('{{ env_var("VENDOR_SECRET") }}', {{ ref('x') }})
 *   rendered   call set_credentials('Vq9-…', "db"."main"."x")
 *
 * `envVarCalls` (env-var-calls.ts) reads the template once and keeps, per value it renders (a call,
 * a name `{% set %}` bound to one, a piece of a `~` concatenation), only a bounded piece of the literal
 * text on each side (up to the nearest other construct: `{{ ref() }}`, `{% if %}`, a comment; these
 * change length when rendered). The detector finds each call's `before` and then its `after` in the
 * output, in the template's order, and reports what lies between when it reads like a secret. It
 * gives up on a call rather than guess: no literal on a side, a value across lines, a quote of its
 * own literal in it, Jinja left in it, or the search budget spent. The call's default, rendered, is
 * not its value. In a SQL literal a quote written twice is the value's (`'O''Brien-2026!'`, the
 * password `O'Brien-2026!`); and a quote left unescaped is when the text after the value ends the
 * template and the text before it occurs once, so that both ends are certain (betweenTheEnds).
 */
import type { Detector, DetectorMatch, EnvVarCall } from '../types.js';
import { isRealSecretValue } from './key-names.js';
import { literalEnd, unquotedLiteral } from './sql-calls.js';
import { charge } from './work.js';

/** The longest value read. */
const MAX_VALUE = 1024;
/** Search work per character of the output (and a base), after which the remaining calls are given up. */
const BUDGET_PER_CHAR = 16;
const BUDGET_BASE = 65_536;

/** A value that is a word, a number, words joined (`analytics_prod`, `eu-west`) or a constant's name: no secret, whatever its name says. */
const PLAIN = /^(?:[A-Za-z]+|[\d.,:+-]+|[a-z]+(?:[_.-][a-z]+)*|[A-Z]+(?:_[A-Z]+)*)$/;

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

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
  const whole = betweenTheEnds(output, call, cursor, spend, missing);
  if (whole) return whole;
  // a value quoted in the template holds no such quote (in a SQL literal, none but those it escapes: sqlLiteralEnd)
  const last = before.at(-1);
  const quote = last === "'" || last === '"' || last === '`' ? last : undefined;
  const sqlLiteral = inSqlLiteral(call);
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
      const close = sqlLiteral ? sqlLiteralEnd(output, p, after, budget) : -1;
      if (close >= 0 && wellFormed(output, p, close, undefined)) return [p, close];
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

/**
 * Where the value ends when the template's text after it is the rest of the template (EnvVarCall.atEnd):
 * the output ends with that text, and when the text before it occurs once from `cursor` on, the value is
 * all that lies between, whatever it holds (a password with an apostrophe rendered unescaped into a SQL
 * literal, `'O'Brien-2026!'`: the literal is broken, but where the value ends is not in doubt).
 */
function betweenTheEnds(output: string, call: EnvVarCall, cursor: number, spend: (n: number) => void, missing: Map<string, number>): [number, number] | undefined {
  const { before, after } = call;
  if (!call.atEnd || after === '') return undefined;
  let end = output.length;
  while (end > cursor && isSpace(output.charCodeAt(end - 1))) end--;
  const tail = end - after.length;
  spend(output.length - tail + 1);
  if (tail < cursor || !output.startsWith(after, tail)) return undefined;
  let p = cursor;
  if (before === '') {
    while (p < tail && isSpace(output.charCodeAt(p))) p++;
  } else {
    if ((missing.get(before) ?? Infinity) <= cursor) return undefined;
    const at = output.indexOf(before, cursor);
    const lastAt = at < 0 ? -1 : output.lastIndexOf(before, tail - before.length);
    spend(at < 0 ? output.length - cursor + 1 : at + before.length - cursor + tail - lastAt + 1);
    if (at < 0) missing.set(before, cursor);
    if (at < 0 || lastAt !== at) return undefined;
    p = at + before.length;
  }
  return tail - p <= MAX_VALUE && wellFormed(output, p, tail, undefined) ? [p, tail] : undefined;
}

/**
 * A value the template puts in a SQL literal (`'{{ pw }}'`), the quote before and after it the literal's own (not
 * written twice, as in a literal inside another: `'… password=''{{ pw }}'''`): a quote in the value is written twice
 * there (`{{ pw | replace("'", "''") }}`, or by hand), or after a backslash.
 */
function inSqlLiteral({ before, after }: EnvVarCall): boolean {
  return before.endsWith("'") && !before.endsWith("''") && after.startsWith("'") && !after.startsWith("''");
}

/** The closing quote of the SQL literal the value begins at `p`, when the template's text after the value follows it; else -1. */
function sqlLiteralEnd(output: string, p: number, after: string, budget: { left: number }): number {
  const limit = Math.min(output.length, p + MAX_VALUE + 1);
  const close = literalEnd(output, p, limit);
  budget.left -= (close < 0 ? limit : close) - p + 1;
  return close >= 0 && output.startsWith(after, close) ? close : -1;
}

/** One line, without the template's quote. */
function wellFormed(output: string, p: number, q: number, quote: string | undefined): boolean {
  const value = output.slice(p, q);
  return !value.includes('\n') && (quote === undefined || !value.includes(quote));
}

/** What a rendered value must read as to be reported: a secret, not a word, a placeholder or Jinja left unrendered. */
export function readsAsRenderedSecret(value: string, call: EnvVarCall): boolean {
  if (value === call.fallback) return false;
  if (value.length < 8 || /\s/.test(value) || value.includes('{{') || value.includes('{%') || value.includes('}}')) return false;
  if (PLAIN.test(value)) return false;
  return [call.name, ...(call.otherNames ?? [])].every((name) => isRealSecretValue(value, name));
}

export const renderedEnvVarDetector: Detector = {
  id: 'env-var-rendered',
  title: "A secret-named env_var() or var() rendered into compiled code",
  keywords: [],
  detect(value, { envVars }): DetectorMatch[] {
    if (!envVars || envVars.length === 0) return [];
    const out: DetectorMatch[] = [];
    alignCalls(value, envVars).forEach(([start, end], i) => {
      const call = envVars[i]!;
      if (start < 0 || call.silent) return;
      const written = value.slice(start, end);
      // in a SQL literal the value is what the database reads: `O''Brien-2026!` is the password `O'Brien-2026!`
      const secret = inSqlLiteral(call) && /''|\\'/.test(written) ? unquotedLiteral(written) : written;
      if (written === call.fallback || !readsAsRenderedSecret(secret, call)) return;
      const what = call.filter === undefined ? 'value' : `${call.filter}-cased value`;
      const names = [call.name, ...(call.otherNames ?? [])].map((name) => `${call.projectVar ? 'var' : 'env_var'}('${name}')`).join(' or ');
      out.push({ detectorId: 'env-var-rendered', start, end, ...(secret === written ? {} : { secret }), description: `${what} of ${names} rendered into the code` });
    });
    return out;
  },
};
