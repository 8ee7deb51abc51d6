/**
 * A vendor's token prefix with its body filled in by hand: `xoxb-xxx`, `xoxe.xoxp-1-RANDOMSTRINGHERE`,
 * `s.THISSTRINGISALLUPPERCASE`, `xoxb-Slack_BOT_TOKEN`, `sk-abc123invalid` (gitleaks' and trufflehog's own
 * false-positive samples, red team 73). What docs and tests write to show a token's shape; a generated body is
 * random, and never one character, words in one case, a variable's name or counting.
 */
import { namesSecret } from './key-grammar.js';
import { looksLikeWord } from './person-made.js';
import { TOKEN_FORMATS } from './token-formats.js';

/**
 * The token table's keywords that are a prefix (letters and digits that a `-`, `_` or `.` ends: `xoxb-`, `hvs.`,
 * `sk_live_`), OpenAI's and DeepSeek's `sk-`, and Vault's legacy service and batch tokens' `s.` and `b.`; longest first, so that `xoxe.xoxp-` wins over `xoxe.`.
 */
const PREFIXES: readonly string[] = [
  ...new Set([...TOKEN_FORMATS.flatMap((f) => f.keywords).filter((k) => /^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*[._-]$/i.test(k)), 'xoxe.xoxp-', 'xoxe.xoxb-', 'sk-', 's.', 'b.']),
].sort((a, b) => b.length - a.length);

/** PREFIXES in lower case by their first letter, longest first: isRealSecretValue asks of every value a detector found, which was compared with every prefix. */
const BY_FIRST = (() => {
  const map = new Map<string, string[]>();
  for (const p of PREFIXES) {
    const first = p[0]!.toLowerCase();
    const list = map.get(first);
    if (list) list.push(p.toLowerCase());
    else map.set(first, [p.toLowerCase()]);
  }
  return map;
})();

/** Letters of one case, a capitalised word, or digits: the runs a body is read in. */
const RUNS = /[A-Z]?[a-z]{1,128}|[A-Z]{1,128}(?![a-z])|\d{1,128}/g;

/** Whether `value` is a vendor's prefix and a body filled in by hand (see the file's comment). */
export function isFilledToken(value: string): boolean {
  if (value.length > 128) return false;
  const lower = value.toLowerCase();
  const prefix = BY_FIRST.get(lower[0] ?? '')?.find((p) => lower.startsWith(p));
  if (prefix === undefined) return false;
  // Slack's version segment (`xoxe-1-`, `xoxe.xoxp-1-`) is part of the prefix
  const body = value.slice(prefix.length).replace(/^\d{1,2}-/, '');
  if (body.length === 0 || !/^[A-Za-z0-9_.-]+$/.test(body)) return false;
  if (/^(.)\1*$/.test(body)) return true;
  // the variable's own name written as its value (`xoxb-Slack_BOT_TOKEN`)
  if (body.includes('_') && /[A-Za-z]/.test(body) && !/\d/.test(body) && namesSecret(body)) return true;
  // spelled-out words, in one case (a body in both cases is read run by run as random letters might be)
  if (/[a-z]/.test(body) && /[A-Z]/.test(body)) return false;
  const runs = body.match(RUNS) ?? [];
  return runs.length > 0 && runs.join('').length === body.replace(/[_.-]/g, '').length && runs.every(isFilledRun);
}

/** Three or more of one character, a count by one (`abc`, `123`, `1234567890`), or a word (a random body's runs are short and read as none). */
function isFilledRun(run: string): boolean {
  return (run.length >= 3 && (/^(.)\1*$/.test(run) || counts(run))) || looksLikeWord(run);
}

/** Each character one up (0 after 9 too) or each one down from the one before. */
function counts(run: string): boolean {
  const step = run.charCodeAt(1) - run.charCodeAt(0);
  if (step !== 1 && step !== -1) return false;
  for (let i = 1; i < run.length; i++) {
    const d = run.charCodeAt(i) - run.charCodeAt(i - 1);
    if (d !== step && !(step === 1 && run[i - 1] === '9' && run[i] === '0')) return false;
  }
  return true;
}

/**
 * Digits and letters counting every other place (`1a2b3c4d`, `a1b2c3d4`): what people type to fill a token's shape,
 * six characters or more.
 */
export function countsEveryOther(value: string): boolean {
  if (value.length < 6 || value.length > 64 || !/^[A-Za-z0-9]+$/.test(value)) return false;
  let even = '';
  let odd = '';
  for (let i = 0; i < value.length; i++) if (i % 2 === 0) even += value[i];
  else odd += value[i];
  return counts(even) && counts(odd);
}
