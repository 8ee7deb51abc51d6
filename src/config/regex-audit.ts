/**
 * Is a regex from a config file safe from catastrophic backtracking? With the optional peer
 * `recheck` installed, recheck decides (a full ReDoS analysis, 58 MB installed). Without it, a
 * built-in check that accepts only what it can prove: it parses the pattern and bounds the
 * backtracking steps of one match attempt at any start position, so the work of a scan stays
 * linear in the value length. It refuses, never waves through, what it cannot bound:
 * - an unbounded quantifier (`*`, `+`, `{n,}`) anywhere but at the very end of the pattern, or on
 *   a group (`(ab)+`). At the end, on one character (`key=\S+`), it is safe: once it has its
 *   minimum the attempt succeeds, and the match consumes what it ran over;
 * - bounded repetition and alternation whose steps add up past STEP_LIMIT per start position
 *   (`(a{1,9}){1,9}`, `x{0,30}y{0,30}z`, `[a-z0-9]{8,128}X`);
 * - backreferences, and unbounded quantifiers inside lookarounds.
 * V8's linear-time engine (`--enable-experimental-regexp-engine`, the `l` flag) was weighed and
 * left out: on Node 20.20 and 22.23 alike it rejects the `i` and `u` flags and any repetition count
 * above 16 (so `[A-Za-z0-9]{40}`), a pattern is linear only while that engine runs it (`(a+)+$`
 * compiles there, and stays exponential without the `l` flag), and turning it on changes V8's flags
 * for the whole process, which a library must not do to its host.
 */
import { RegExpParser, type AST } from '@eslint-community/regexpp';
import { optionalPeerIfInstalled } from '../optional-peer.js';

export type RegexVerdict = { safe: true } | { safe: false; why: string };

/** Backtracking steps one match attempt may take, at most, for the built-in check to accept it: about what the built-in detectors cost (`[A-Za-z0-9]{32,64}` is 129). */
export const STEP_LIMIT = 256;

/** The part of recheck's API used here, typed here: recheck is an optional peer, absent from a plain install. */
export interface Recheck {
  checkSync(source: string, flags: string, params?: { timeout?: number; checker?: 'auto' | 'automaton' | 'fuzz' }): RecheckResult;
}
export type RecheckResult =
  | { status: 'safe' | 'unknown' }
  | { status: 'vulnerable'; complexity: { type: string; summary: string }; attack: { string: string } };
/** recheck is large (33 MB of memory, 80 ms to load): loaded only when a config brings a pattern of its own. */
let recheck: Recheck | null | undefined;

/** recheck's verdict, or the built-in check's when recheck is not installed. */
export function auditRegex(source: string, flags: string): RegexVerdict & { by: 'recheck' | 'built-in' } {
  if (recheck === undefined) recheck = optionalPeerIfInstalled<Recheck>('recheck') ?? null;
  return recheck ? { ...auditWithRecheck(recheck, source, flags), by: 'recheck' } : { ...builtInRegexCheck(source, flags), by: 'built-in' };
}

function auditWithRecheck(recheck: Recheck, source: string, flags: string): RegexVerdict {
  try {
    const result = recheck.checkSync(source, flags.replace('g', ''), { timeout: 5000 });
    if (result.status === 'safe') return { safe: true };
    if (result.status === 'vulnerable') {
      return { safe: false, why: `the pattern can backtrack catastrophically (${result.complexity.type} time on crafted input); avoid nested or adjacent overlapping quantifiers` };
    }
  } catch {
    // fall through: not proven
  }
  return { safe: false, why: 'the pattern could not be proven safe from catastrophic backtracking; simplify it' };
}

class Unprovable extends Error {}

interface Cost {
  /** steps of one attempt, backtracking included */
  work: number;
  /** ways it can match, each a point the rest of the pattern may backtrack into */
  paths: number;
}

/** The built-in check: safe when the steps of one match attempt are bounded by STEP_LIMIT. */
export function builtInRegexCheck(source: string, flags: string): RegexVerdict {
  if (flags.includes('v')) return { safe: false, why: 'the built-in check does not read the v flag (classes can hold strings there)' };
  let pattern: AST.Pattern;
  try {
    pattern = new RegExpParser().parsePattern(source, 0, source.length, { unicode: flags.includes('u') });
  } catch {
    return { safe: false, why: 'the built-in check cannot read this pattern' };
  }
  try {
    const cost = alternatives(pattern.alternatives, true);
    if (!(cost.work <= STEP_LIMIT)) throw new Unprovable(`its repetitions and alternatives multiply to more than ${STEP_LIMIT} backtracking steps per position`);
    return { safe: true };
  } catch (error) {
    if (!(error instanceof Unprovable)) throw error;
    return { safe: false, why: `the built-in check cannot prove the pattern safe from catastrophic backtracking: ${error.message}` };
  }
}

const ONE: Cost = { work: 1, paths: 1 };

function alternatives(alts: readonly AST.Alternative[], atEnd: boolean): Cost {
  const costs = alts.map((alt) => sequence(alt.elements, atEnd));
  return { work: sum(costs.map((c) => c.work)), paths: sum(costs.map((c) => c.paths)) };
}

/** Each element is entered once per way the elements before it can match. */
function sequence(elements: readonly AST.Element[], atEnd: boolean): Cost {
  let work = 1; // entering it, even when empty
  let paths = 1;
  elements.forEach((element, i) => {
    const cost = elementCost(element, atEnd && i === elements.length - 1);
    work += paths * cost.work;
    paths *= cost.paths;
  });
  return { work, paths };
}

function elementCost(node: AST.Element, atEnd: boolean): Cost {
  switch (node.type) {
    case 'Character':
    case 'CharacterSet':
    case 'CharacterClass':
    case 'ExpressionCharacterClass': // v flag only, refused above
      return ONE;
    case 'Backreference':
      throw new Unprovable(`a backreference at offset ${node.start}`);
    case 'Group':
    case 'CapturingGroup':
      return alternatives(node.alternatives, atEnd);
    case 'Assertion':
      if (node.kind !== 'lookahead' && node.kind !== 'lookbehind') return ONE;
      // atomic: tried once at a position, whatever its inside could backtrack through
      return { work: alternatives(node.alternatives, false).work, paths: 1 };
    case 'Quantifier':
      return quantifier(node, atEnd);
  }
}

function quantifier(node: AST.Quantifier, atEnd: boolean): Cost {
  const single = node.element.type === 'Character' || node.element.type === 'CharacterSet' || node.element.type === 'CharacterClass';
  if (node.max === Infinity) {
    if (!single) throw new Unprovable(`an unbounded quantifier on a group at offset ${node.start}`);
    if (!atEnd) throw new Unprovable(`an unbounded quantifier (*, + or {n,}) before the end of the pattern, at offset ${node.start}`);
    // Fails within `min` steps, or succeeds at once and the match consumes the run.
    return { work: node.min + 1, paths: 1 };
  }
  if (single) return { work: 2 * node.max + 1, paths: node.max - node.min + 1 };
  const inner = elementCost(node.element, false);
  let work = 0;
  let paths = 0;
  let reach = 1; // ways the first k iterations can match
  for (let k = 1; k <= node.max; k++) {
    work += reach * inner.work;
    reach *= inner.paths;
    if (k >= node.min) paths += reach;
    if (work > STEP_LIMIT) break;
  }
  return { work, paths: node.min === 0 ? paths + 1 : paths };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
