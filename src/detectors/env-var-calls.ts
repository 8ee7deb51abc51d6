/**
 * The secret-named env_var() values a Jinja template renders, in order, each with the literal text
 * that renders around it (detectors/rendered-env-vars.ts finds them in the output by that text).
 * An expression is read as what it renders, piece by piece, joined by `~`:
 *
 *   {{ env_var('VENDOR_TOKEN') }}                  the value
 *   {{ 'Bearer ' ~ env_var('API_TOKEN') | trim }}  'Bearer ', then the value (trim, string and safe keep it)
 *   {{ env_var('DB_USER') ~ ':' ~ pw }}            unknown (not a secret's name), ':', then pw's value
 *   {{ env_var('X_TOKEN') | upper }}               the value upper-cased (the call says so)
 *   {{ pw | replace("'", "''") }}                  pw's value escaped for a SQL literal (read as the value there)
 *
 * `{% set pw = env_var('DB_PASSWORD') %}` binds pw to what its expression renders; `{{ pw }}` renders
 * it. Jinja's scopes are followed: a `for`, `macro`, `call` or `with` body's sets end with it, and a set
 * in one branch of an `if` lasts past `endif` only when every branch binds it alike (one secret env var
 * or another: PROD_PASSWORD, DEV_PASSWORD). Any other piece (a variable, a macro call, `ref()`, a
 * filter that changes the value) is unknown: no literal text runs across it. A set block's or filter block's body is not read (it is not rendered in place).
 */
import type { EnvVarCall } from '../types.js';
import { ownString } from '../util/strings.js';
import { isSecretKeyName } from './key-names.js';
import { charge } from './work.js';

/** How much literal text a call keeps on each side. */
export const CONTEXT = 48;
/** The most calls a template keeps (a node's memory on the streaming path stays bounded). */
const MAX_CALLS = 1024;
/** The expression of a construct, bounded in length. */
const MAX_EXPRESSION = 600;
/** The most pieces an expression renders (after bound names are expanded), and a bound name holds. */
const MAX_PIECES = 64;
const MAX_BOUND_PIECES = 16;
/** Names bound to a secret's value at once; a set past them is not followed. */
const MAX_NAMES = 64;
/** Blocks followed inside each other; from a deeper one on, nothing more of the template is read. */
const MAX_DEPTH = 32;

/**
 * `env_var('NAME')` or `env_var("NAME", "default")` (a default is a string or a number); and a project variable's,
 * `var('db_password')`, whose value `--vars` or dbt_project.yml gives and Jinja renders the same way.
 */
const ENV_VAR_CALL = /^(?:env_)?var\s{0,8}\(\s{0,8}(['"])([A-Za-z_][A-Za-z0-9_]{0,127})\1\s{0,8}(?:,\s{0,8}(?:(['"])([^'"\\]{0,256})\3|(-?\d{1,32}(?:\.\d{1,32})?))\s{0,8})?\)$/;
/** `env_var(name)` or `env_var(name, "default")`: the variable's name is a Jinja name's value. */
const ENV_VAR_OF_NAME = /^env_var\s{0,8}\(\s{0,8}([A-Za-z_][A-Za-z0-9_]{0,63})\s{0,8}(?:,\s{0,8}(?:(['"])([^'"\\]{0,256})\2|(-?\d{1,32}(?:\.\d{1,32})?))\s{0,8})?\)$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const STRING = /^(?:'([^'\\]{0,600})'|"([^"\\]{0,600})")$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const NAMES = /[A-Za-z_][A-Za-z0-9_]{0,63}/g;
/** A filter without arguments. */
const FILTER = /^([a-z]{1,16})\s{0,8}(?:\(\s{0,8}\))?$/;
const SET_LINE = /^set\s{1,8}([A-Za-z_][A-Za-z0-9_]{0,63})\s{0,8}=([^=][\s\S]{0,600})$/;
const SET_BLOCK = /^set\s{1,8}([A-Za-z_][A-Za-z0-9_]{0,63})\s{0,8}(?:\|[\s\S]{0,600})?$/;
const RAW_BLOCK = /^\{%[-+]?\s{0,8}raw\s{0,8}[-+]?%\}$/;
const END_RAW = /\{%[-+]?\s{0,8}endraw\s{0,8}[-+]?%\}/g;

/** Filters that render the value itself (trim, string, safe) or the value in one case. */
const VALUE_FILTERS = new Set(['trim', 'string', 'safe', 'upper', 'lower']);
/**
 * SQL's escape of the value for a single-quoted literal, `replace("'", "''")`: the literal it is rendered into reads
 * as the value (detectors/rendered-env-vars.ts reads the literal so).
 */
const QUOTES_DOUBLED = /^replace\s{0,8}\(\s{0,8}"'"\s{0,8},\s{0,8}"''"\s{0,8}\)$/;

/** A secret env var's value as an expression renders it. */
interface Slot {
  name: string;
  /** A project variable's (`var()`), not an environment variable's. */
  projectVar?: true;
  /** The env vars other branches of an `if` set the same name to (`PROD_PASSWORD`, then `DEV_PASSWORD`). */
  otherNames?: readonly string[];
  fallback: string | undefined;
  filter: 'upper' | 'lower' | undefined;
  /** Not a secret's (EnvVarCall.silent). */
  silent?: true;
}
/** What an operand renders: known text, a secret's value, or something unknown (null). */
type Piece = string | Slot | null;

const isSlot = (p: Piece): p is Slot => p !== null && typeof p === 'object';
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Whether a template may call env_var() or var(): what envVarCalls reads it for (`env_var` spaced before its parenthesis too). */
export function mayCallVars(template: string): boolean {
  return template.includes('var(') || template.includes('env_var');
}

/**
 * The secret-named env_var() and var() values of a Jinja template, in order, each with the literal text around
 * it (strings of their own: they do not keep the template alive). Linear in the template's length.
 */
export function envVarCalls(template: string): EnvVarCall[] {
  const calls: EnvVarCall[] = [];
  if (!mayCallVars(template)) return calls;
  charge(template.length);
  const scope = new Scope();
  /** The last call of an expression, waiting for the literal after it. */
  let pending: { call: Omit<EnvVarCall, 'after' | 'atEnd'>; inner: string; end: number; trimAfter: boolean } | undefined;
  let prevEnd = 0;
  /** A loop over a literal list whose body is read once per item (literalLoop). */
  let loop: LiteralLoop | undefined;
  /** Only whitespace, comments and sets so far: a call with nothing before it is at the output's start. */
  let blank = true;
  let i = 0;
  const settle = (next: number) => {
    if (!pending) return;
    const { call, inner, end, trimAfter } = pending;
    const rest = inner + literalAfter(template, end, next, trimAfter);
    // (literalAfter cuts at CONTEXT: shorter, it is all the text up to `next`)
    calls.push({ ...call, after: ownString(rest.slice(0, CONTEXT)), atEnd: next === template.length && rest.length < CONTEXT });
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
    if (blank && !isBlank(template, prevEnd, open)) blank = false;
    if (kind === '%' && end - open < 40 && RAW_BLOCK.test(template.slice(open, end))) {
      END_RAW.lastIndex = end;
      const endRaw = END_RAW.exec(template);
      if (!endRaw) break;
      end = endRaw.index + endRaw[0].length;
      blank = false;
    } else if (kind === '%') {
      if (loop && open === loop.endOpen && loop.at + 1 < loop.items.length) {
        // the loop's next item: its body again, from what was bound before the loop
        loop.at++;
        scope.branch(false);
        scope.bindText(loop.name, loop.items[loop.at]!);
        charge(end - open);
        prevEnd = i = loop.bodyStart;
        continue;
      }
      if (loop && open === loop.endOpen) loop = undefined;
      const body = stripMarks(template.slice(open + 2, end - 2));
      if (!statement(scope, body)) blank = false;
      if (!loop && scope.reading && body.startsWith('for')) {
        loop = literalLoop(template, body, end);
        if (loop) scope.bindText(loop.name, loop.items[0]!);
      }
    } else if (kind === '{') {
      const inner = template.slice(open + 2, end - 2);
      // most expressions (ref(), config(), a column) neither call env_var nor name a bound value: not read
      const read = scope.reading && end - open <= MAX_EXPRESSION && (mayCallVars(inner) || scope.mentioned(inner));
      const pieces = read ? readExpression(stripMarks(inner), scope.names) : [null];
      if (pieces.some(isSlot)) {
        // the pieces in order: text runs between the unknown ones; each value takes the run before it and the one after it
        let run = pieces[0] === null ? '' : literalBefore(template, prevEnd, open, inner.startsWith('-'));
        let clean = true;
        let waiting: Omit<EnvVarCall, 'after' | 'atEnd'> | undefined;
        const finish = () => {
          if (waiting) calls.push({ ...waiting, after: ownString(run.slice(0, CONTEXT)), atEnd: false });
          waiting = undefined;
        };
        for (const piece of pieces) {
          if (piece === null) {
            finish();
            run = '';
            clean = false;
          } else if (typeof piece === 'string') {
            run += piece;
          } else {
            finish();
            const before = run.slice(-CONTEXT);
            waiting = { ...piece, before: ownString(before), atStart: blank && clean && before === '' };
            run = '';
          }
        }
        if (waiting) pending = { call: waiting, inner: run, end, trimAfter: inner.endsWith('-') };
      }
      blank = false;
    }
    charge(end - open);
    prevEnd = end;
    i = end;
  }
  if (calls.length < MAX_CALLS) settle(pending ? nextConstruct(template, pending.end) : 0);
  calls.length = Math.min(calls.length, MAX_CALLS);
  return calls.some((c) => c.silent !== true) ? calls : [];
}

/** A construct's inside without its whitespace-control marks (`{{- x -}}`, `{%+ x %}`). */
function stripMarks(inner: string): string {
  let s = 0;
  let e = inner.length;
  if (inner[0] === '-' || inner[0] === '+') s++;
  if (e > s && (inner[e - 1] === '-' || inner[e - 1] === '+')) e--;
  return inner.slice(s, e).trim();
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (!isSpace(text.charCodeAt(j))) return false;
  return true;
}

/** `expression` split at `sep` outside strings and brackets; undefined when a string holds an escape or brackets do not match. */
function splitTop(expression: string, sep: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let j = 0; j < expression.length; j++) {
    const c = expression[j];
    if (c === "'" || c === '"') {
      let close = j + 1;
      while (close < expression.length && expression[close] !== c) {
        if (expression[close] === '\\') return undefined;
        close++;
      }
      if (close === expression.length) return undefined;
      j = close;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (--depth < 0) return undefined;
    } else if (c === sep && depth === 0) {
      parts.push(expression.slice(start, j));
      start = j + 1;
    }
  }
  if (depth !== 0) return undefined;
  parts.push(expression.slice(start));
  return parts;
}

/** What an expression renders, piece by piece (adjacent texts joined, adjacent unknowns one). */
function readExpression(expression: string, names: ReadonlyMap<string, Binding>): Piece[] {
  const operands = splitTop(expression, '~');
  if (!operands || operands.length > MAX_PIECES) return [null];
  const out: Piece[] = [];
  for (const operand of operands) {
    for (const piece of readOperand(operand.trim(), names)) {
      const last = out.length > 0 ? out[out.length - 1] : undefined;
      if (typeof piece === 'string' && typeof last === 'string') out[out.length - 1] = last + piece;
      else if (!(piece === null && last === null)) out.push(piece);
    }
    if (out.length > MAX_PIECES) return [null];
  }
  charge(out.length);
  return out;
}

/** An operand: a string, an env_var() call or a bound name, then filters that keep the value. */
function readOperand(operand: string, names: ReadonlyMap<string, Binding>): readonly Piece[] {
  const parts = splitTop(operand, '|');
  if (!parts) return [null];
  const primary = parts[0]!.trim();
  let pieces: readonly Piece[];
  const text = STRING.exec(primary);
  const call = text ? null : ENV_VAR_CALL.exec(primary);
  // `env_var(name)` where a loop over a literal list binds name to one of its texts
  const byName = text || call ? null : ENV_VAR_OF_NAME.exec(primary);
  const bound = byName ? names.get(byName[1]!)?.pieces : undefined;
  const boundName = bound?.length === 1 && typeof bound[0] === 'string' && ENV_NAME.test(bound[0]) ? bound[0] : undefined;
  if (text) pieces = [text[1] ?? text[2]!];
  else if (call) pieces = [isSecretKeyName(call[2]!) ? { name: call[2]!, fallback: call[4] ?? call[5], filter: undefined, ...(primary.startsWith('var') ? { projectVar: true as const } : {}) } : null];
  // (an item that names no secret still renders where the others do: aligned, not reported)
  else if (byName) pieces = [boundName === undefined ? null : { name: boundName, fallback: byName[3] ?? byName[4], filter: undefined, ...(isSecretKeyName(boundName) ? {} : { silent: true }) }];
  else if (NAME.test(primary)) pieces = names.get(primary)?.pieces ?? [null];
  else return [null];
  for (let k = 1; k < parts.length; k++) {
    const filter = QUOTES_DOUBLED.test(parts[k]!.trim()) ? 'replace' : FILTER.exec(parts[k]!.trim())?.[1];
    if (filter === undefined || !(VALUE_FILTERS.has(filter) || filter === 'replace')) return [null];
    pieces = pieces.map((piece, index) => filtered(piece, filter, index === 0, index === pieces.length - 1));
  }
  return pieces;
}

/** A piece after a filter that keeps the value: trim takes the whitespace at the ends of the whole. */
function filtered(piece: Piece, filter: string, first: boolean, last: boolean): Piece {
  const apply = (s: string) => {
    if (filter === 'upper') return s.toUpperCase();
    if (filter === 'lower') return s.toLowerCase();
    if (filter === 'replace') return s.replaceAll("'", "''");
    if (filter !== 'trim') return s;
    const start = first ? s.trimStart() : s;
    return last ? start.trimEnd() : start;
  };
  if (piece === null) return null;
  if (typeof piece === 'string') return apply(piece);
  const fallback = piece.fallback === undefined ? undefined : apply(piece.fallback);
  return { ...piece, fallback, filter: filter === 'upper' || filter === 'lower' ? filter : piece.filter };
}

/** What a name is bound to, and a key that tells two bindings apart. */
interface Binding {
  pieces: readonly Piece[];
  key: string;
}

/** A block whose sets Jinja scopes, and what was bound when it opened. */
interface Frame {
  kind: string;
  saved: Map<string, Binding>;
  /** The body is not rendered in place (set block) or not as it is (filter block). */
  hidden: boolean;
  /** An if-block: what each finished branch bound differently from `saved`, and whether one was `else`. */
  branches: Map<string, Binding | undefined>[];
  hasElse: boolean;
  /** A set block's target. */
  target?: string;
}

/** The names bound to what holds a secret's value, through Jinja's scopes. Bounded: MAX_NAMES, MAX_DEPTH. */
class Scope {
  names = new Map<string, Binding>();
  private frames: Frame[] = [];
  /** A block was opened past MAX_DEPTH: scopes are no longer followed, nothing more is read. */
  private lost = false;
  private hidden = 0;

  /** Whether expressions here render in place and are followed. */
  get reading(): boolean {
    return !this.lost && this.hidden === 0;
  }

  /** Whether `expression` may name a bound value (with many bound, assumed so). */
  mentioned(expression: string): boolean {
    if (this.names.size > 8) return true;
    for (const name of this.names.keys()) if (expression.includes(name)) return true;
    return false;
  }

  /** A loop variable bound to one text of a literal list (no secret in it: the call it names is read by its text). */
  bindText(name: string, text: string): void {
    this.names.set(name, { pieces: [text], key: JSON.stringify([text]) });
  }

  assign(name: string, pieces: readonly Piece[]): void {
    const bound = compact(pieces);
    if (!this.reading || bound === undefined || (!this.names.has(name) && this.names.size >= MAX_NAMES)) this.names.delete(name);
    else this.names.set(name, { pieces: bound, key: JSON.stringify(bound) });
  }

  open(kind: string, unbind: readonly string[], options: { clear?: boolean; hidden?: boolean; target?: string } = {}): void {
    if (this.lost || this.frames.length >= MAX_DEPTH) {
      this.lost = true;
      this.names.clear();
      return;
    }
    charge(this.names.size);
    this.frames.push({ kind, saved: new Map(this.names), hidden: options.hidden === true, branches: [], hasElse: false, ...(options.target === undefined ? {} : { target: options.target }) });
    if (options.hidden) this.hidden++;
    if (options.clear) this.names.clear();
    for (const name of unbind) this.names.delete(name);
  }

  /** `elif` or `else`: the next branch starts from what was bound before the block. */
  branch(isElse: boolean): void {
    const frame = this.lost ? undefined : this.frames[this.frames.length - 1];
    if (!frame) return;
    if (frame.kind === 'if') {
      frame.branches.push(this.changes(frame.saved));
      frame.hasElse ||= isElse;
    }
    if (frame.kind === 'if' || frame.kind === 'for') this.names = new Map(frame.saved);
  }

  close(kind: string): void {
    if (this.lost) return;
    let at = this.frames.length - 1;
    while (at >= 0 && this.frames[at]!.kind !== kind) at--;
    if (at < 0) return;
    // blocks left open inside this one: the template is not what it seems; forget every binding
    if (at < this.frames.length - 1) {
      this.hidden -= this.frames.slice(at).filter((f) => f.hidden).length;
      this.frames.length = at;
      this.names.clear();
      return;
    }
    const frame = this.frames.pop()!;
    if (frame.hidden) this.hidden--;
    if (frame.kind === 'if') {
      frame.branches.push(this.changes(frame.saved));
      this.names = ifMerged(frame);
    } else this.names = frame.saved;
    if (frame.target !== undefined) this.names.delete(frame.target);
  }

  /** What is bound differently from `saved`. */
  private changes(saved: ReadonlyMap<string, Binding>): Map<string, Binding | undefined> {
    charge(this.names.size + saved.size);
    const changed = new Map<string, Binding | undefined>();
    for (const [name, binding] of this.names) if (saved.get(name)?.key !== binding.key) changed.set(name, binding);
    for (const name of saved.keys()) if (!this.names.has(name)) changed.set(name, undefined);
    return changed;
  }
}

/**
 * After `endif`: a name a branch changed keeps a binding only when every way through binds it alike:
 * the same texts, and secret env vars where one binds one (PROD_PASSWORD in one branch, DEV_PASSWORD in
 * the other), with the same filter and default.
 */
function ifMerged(frame: Frame): Map<string, Binding> {
  if (frame.branches.every((b) => b.size === 0)) return frame.saved;
  const names = new Map(frame.saved);
  const changed = new Set(frame.branches.flatMap((b) => [...b.keys()]));
  for (const name of changed) {
    const ends = frame.branches.map((b) => (b.has(name) ? b.get(name) : frame.saved.get(name)));
    if (!frame.hasElse) ends.push(frame.saved.get(name));
    const merged = ends.reduce<Binding | undefined | null>((a, b) => (a === null ? b : a && b && alike(a, b)), null);
    if (merged) names.set(name, merged);
    else names.delete(name);
  }
  return names;
}

/** One binding for two that render alike but for which secret env var's value they hold; undefined when they differ otherwise. */
function alike(a: Binding, b: Binding): Binding | undefined {
  if (a.key === b.key) return a;
  if (a.pieces.length !== b.pieces.length) return undefined;
  const pieces: Piece[] = [];
  for (let k = 0; k < a.pieces.length; k++) {
    const p = a.pieces[k]!;
    const q = b.pieces[k]!;
    if (!isSlot(p) || !isSlot(q)) {
      if (p !== q) return undefined;
      pieces.push(p);
      continue;
    }
    if (p.fallback !== q.fallback || p.filter !== q.filter) return undefined;
    const others = [...new Set([...(p.otherNames ?? []), q.name, ...(q.otherNames ?? [])])].filter((n) => n !== p.name);
    if (others.length > 8) return undefined;
    pieces.push(others.length === 0 ? p : { ...p, otherNames: others });
  }
  return { pieces, key: JSON.stringify(pieces) };
}

/** A binding's pieces, long texts cut to what a call can use (their ends); undefined when it holds no secret or too much. */
function compact(pieces: readonly Piece[]): Piece[] | undefined {
  if (!pieces.some(isSlot)) return undefined;
  const out: Piece[] = [];
  for (const piece of pieces) {
    if (typeof piece === 'string' && piece.length > 2 * CONTEXT) out.push(piece.slice(0, CONTEXT), null, piece.slice(-CONTEXT));
    else out.push(piece);
  }
  return out.length <= MAX_BOUND_PIECES ? out : undefined;
}

/**
 * A `{% … %}` statement: sets and the blocks that scope them. Returns whether it renders nothing
 * where it stands (a set, so a call after it can still be at the output's start).
 */
function statement(scope: Scope, body: string): boolean {
  const tag = /^[a-z]{1,16}/.exec(body)?.[0];
  switch (tag) {
    case 'set': {
      const line = SET_LINE.exec(body);
      if (line) {
        scope.assign(line[1]!, scope.reading ? readExpression(line[2]!.trim(), scope.names) : [null]);
        return true;
      }
      const block = SET_BLOCK.exec(body);
      if (block) {
        scope.open('set', [block[1]!], { hidden: true, target: block[1]! });
        return true;
      }
      // `set a, b = …`, `set ns.x = …`: whatever is assigned is no longer known
      const lhs = body.slice(3, body.indexOf('=') < 0 ? body.length : body.indexOf('='));
      for (const name of lhs.match(NAMES) ?? []) scope.assign(name, [null]);
      return true;
    }
    case 'for': {
      const head = body.slice(3, Math.max(3, body.indexOf(' in ')));
      scope.open('for', head.match(NAMES) ?? []);
      return false;
    }
    case 'if':
      scope.open('if', []);
      return false;
    case 'elif':
    case 'else':
      scope.branch(tag === 'else');
      return false;
    case 'macro':
    case 'call':
      scope.open(tag, [], { clear: true });
      return false;
    case 'filter':
      scope.open('filter', [], { hidden: true });
      return false;
    case 'with':
      scope.open('with', body.slice(4).match(NAMES) ?? []);
      return false;
    case 'endif':
    case 'endfor':
    case 'endmacro':
    case 'endcall':
    case 'endfilter':
    case 'endwith':
    case 'endset':
      scope.close(tag.slice(3));
      return tag === 'endset';
    default:
      return false;
  }
}

/** The most items of a literal list a loop is read for, and the longest body read again for each. */
const MAX_LOOP_ITEMS = 16;
const MAX_LOOP_BODY = 4096;
const FOR_LIST = /^for\s{1,8}([A-Za-z_][A-Za-z0-9_]{0,63})\s{1,8}in\s{1,8}([[(][^\]()[]{0,600}[\])])$/;
/** Statements in a loop's body that render every time and skip nothing: a set of one name, a do. */
const STEADY = /^(?:set\s{1,8}[A-Za-z_][A-Za-z0-9_]{0,63}\s{0,8}=[^=]|do\s)/;

/** A loop over a literal list of texts, its body read once per item with the loop's name bound to it. */
interface LiteralLoop {
  name: string;
  items: readonly string[];
  at: number;
  /** Where the body begins (past the for tag), and where its endfor tag opens. */
  bodyStart: number;
  endOpen: number;
}

/**
 * `{% for name in ['DB_PASSWORD', 'API_TOKEN'] %}…{{ env_var(name) }}…{% endfor %}`: the output holds
 * the body once per item, each call with that item's value. Read so only when nothing in the body can
 * skip an iteration or render it otherwise (no if, no nested for, no break or continue, no loop
 * filter), the body is short and calls env_var() with the loop's name: else the loop is left as
 * it was (its calls unknown), and alignment never meets a rendering that is not there.
 */
function literalLoop(template: string, head: string, bodyStart: number): LiteralLoop | undefined {
  const m = FOR_LIST.exec(head);
  if (!m) return undefined;
  const name = m[1]!;
  const parts = splitTop(m[2]!.slice(1, -1), ',');
  if (!parts || parts.length > MAX_LOOP_ITEMS + 1) return undefined;
  if (parts.length > 1 && parts[parts.length - 1]!.trim() === '') parts.pop();
  const items: string[] = [];
  for (const part of parts) {
    const text = STRING.exec(part.trim());
    if (!text) return undefined;
    items.push(text[1] ?? text[2]!);
  }
  if (items.length === 0 || items.length > MAX_LOOP_ITEMS) return undefined;
  let usesName = false;
  for (let j = template.indexOf('{', bodyStart); j >= 0 && j < bodyStart + MAX_LOOP_BODY; j = template.indexOf('{', j + 1)) {
    const kind = template[j + 1];
    if (kind !== '{' && kind !== '%' && kind !== '#') continue;
    const close = closeOf(template, j, kind);
    if (close < 0 || close - j > MAX_EXPRESSION) return undefined;
    charge(close - j);
    const inner = stripMarks(template.slice(j + 2, close - 2));
    if (kind === '%') {
      if (/^endfor\b/.test(inner)) return usesName ? { name, items, at: 0, bodyStart, endOpen: j } : undefined;
      if (!STEADY.test(inner)) return undefined;
    }
    if (kind !== '#' && !usesName) usesName = callsWithName(inner, name);
    j = close - 1;
  }
  return undefined;
}

/** Whether an expression calls env_var() with `name` as the variable's name. */
function callsWithName(expression: string, name: string): boolean {
  for (let k = expression.indexOf('env_var'); k >= 0; k = expression.indexOf('env_var', k + 7)) {
    let p = k + 7;
    while (isSpace(expression.charCodeAt(p))) p++;
    if (expression[p] !== '(') continue;
    p++;
    while (isSpace(expression.charCodeAt(p))) p++;
    if (expression.startsWith(name, p) && !/[A-Za-z0-9_]/.test(expression[p + name.length] ?? '')) return true;
  }
  return false;
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
