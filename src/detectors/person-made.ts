/**
 * What a person makes a password of and a generator does not (madeByPerson), and how often a value's case changes where
 * words do not change it (randomCase): the fingerprints' test of a guessable value (findings/fingerprint.ts) and the
 * detectors' test of a sample that a person made up (column-samples.ts).
 */

/** A value of hex digits (and dashes) alone: its digits would read as words when read back from leet. */
export const HEX_ONLY = /^[0-9A-Fa-f-]+$/;

/**
 * What people put in passwords and generators do not: a year (`2024`), a run of four in order
 * (`1234`, `abcd`, `dcba`) or along a keyboard's row (`qwer`, `zxcv`), four characters said twice
 * (`Welcome1Welcome1`), or words: at least 6 letters, a third of them or more, in words of four
 * or more in a word's case whose letter pairs are mostly English's common ones (`snowflake`,
 * `Analytics`, `Team`) or among PASSWORD_WORDS, letters written as digits read back (`Tr0ub4dor`,
 * `N1ghtly-L0ader`); in at most 64 characters. Random values hit one of these one to three times
 * in a hundred, lower case with digits about one in twenty (they then get the slow hash, as any
 * guessable value does).
 */
export function madeByPerson(secret: string): boolean {
  // (longer than people type: a key, a certificate, a JWT; in so many characters these turn up by chance)
  if (secret.length > PERSON_MAX) return false;
  if (YEAR.test(secret) || inOrder(secret) || repeatsFour(secret)) return true;
  const lower = secret.toLowerCase();
  for (const run of KEYBOARD_RUNS) if (lower.includes(run)) return true;
  if (inWords(secret, 3, 2)) return true;
  // read back, letters must make words more surely: random digits between letters make letters too
  // (not in a hex value: its digits would read as words)
  const read = HEX_ONLY.test(secret) ? secret : secret.replace(LEET, (c) => LEET_LETTERS[c]!);
  return (read !== secret && (inWords(read, 2, 3) || leetWords(read))) || knownWords(read) >= 4;
}

/**
 * A password that tutorials, tests and breach lists print for everyone, a test's data rather than anyone's password: its
 * letters, read back from leet, all words people put in passwords (PASSWORD_WORDS) with digits and signs around them
 * (`P@ssw0rd`, `Welcome1!`, `Summer2024!`, `letmein`, `supersecret`), a keyboard's row or a run in order (`qwerty`,
 * `abc123`), four characters said again (`Aa1!Aa1!`), or one of the famous few (`hunter2`, `Tr0ub4dor&3`). Not a
 * password manager's words (`Maple-Falcon-61`) nor a generated one.
 */
export function isTextbookPassword(secret: string): boolean {
  if (secret.length > TEXTBOOK_MAX) return false;
  const lower = secret.toLowerCase();
  if (FAMOUS_PASSWORDS.has(lower) || inOrder(secret) || repeatsFour(secret)) return true;
  // …written with spaces, signs or a number after it (`correct horse battery staple`, `changeme123`, `abc123!@#`: red team 122)
  const core = lower.replace(NOT_ALNUM, '');
  if (FAMOUS_PASSWORDS.has(core) || FAMOUS_PASSWORDS.has(core.replace(TRAILING_DIGITS, ''))) return true;
  for (const run of KEYBOARD_RUNS) if (lower.includes(run)) return true;
  const letters = lettersReadBack(secret);
  return letters.length >= 4 && madeOfWords(letters, PASSWORD_WORDS);
}

/**
 * A password a test's data names its case with, not a password: its letters, read back from leet, all words of a password
 * policy (POLICY_WORDS) with digits and signs around them (`short`, `weak`, `too-short`, `nodigits`, `NoSymbols1`,
 * `LongEnough123!`, `Str0ngP@ssw0rd!`: red team 134, a signup model's unit test). Words of the policy only: with the words
 * people put in passwords they make passwords (`BadMonkey99!`, `NewMoon#2024`: red team 136). Asked of a fixture's cells only.
 */
export function namesPasswordCase(secret: string): boolean {
  if (secret.length > TEXTBOOK_MAX) return false;
  const letters = lettersReadBack(secret);
  return letters.length >= 4 && madeOfWords(letters, POLICY_WORDS);
}

/** A value's letters in lower case, those written as digits and signs read back (`Str0ngP@ssw0rd!` → strongpassword), nothing else. */
function lettersReadBack(secret: string): string {
  return secret.replace(LEET, (c) => LEET_LETTERS[c]!).toLowerCase().replace(/[^a-z]/g, '');
}

/** Words a password policy's tests name their cases with (see namesPasswordCase), the password's own among them. */
const POLICY_WORDS = [
  'short', 'long', 'weak', 'strong', 'valid', 'invalid', 'too', 'missing', 'without', 'only', 'enough', 'digit', 'digits', 'number', 'numbers',
  'numeric', 'symbol', 'symbols', 'special', 'char', 'chars', 'character', 'characters', 'letter', 'letters', 'upper', 'lower', 'case',
  'length', 'minimum', 'maximum', 'fails', 'failing', 'passes', 'passing', 'empty', 'blank', 'common', 'simple', 'complex', 'spaces',
  'contains', 'mixed', 'reused', 'mismatch', 'expired', 'leaked', 'breached', 'compromised', 'wrong', 'correct', 'incorrect', 'required',
  'optional', 'unicode', 'emoji', 'no', 'password', 'passwd', 'pass', 'pwd',
].sort((a, b) => b.length - a.length);

/** The longest value isTextbookPassword reads: people's test passwords are short. */
const TEXTBOOK_MAX = 32;

/** Passwords famous for being printed everywhere: a chat's joke, a comic's, breach lists' top entries. */
const FAMOUS_PASSWORDS = new Set(['hunter2', 'tr0ub4dor&3', 'correcthorsebatterystaple', 'trustno1', 'iloveyou', '1q2w3e4r', 'zaq12wsx', 'abc123', 'changeme', '1qaz2wsx']);
const NOT_ALNUM = /[^a-z0-9]/g;
const TRAILING_DIGITS = /\d{1,8}$/;

/** Whether lower-case letters split wholly into `words` (PASSWORD_WORDS, POLICY_WORDS; at most 32 letters: a check over its prefixes). */
function madeOfWords(letters: string, words: readonly string[]): boolean {
  const reached = new Uint8Array(letters.length + 1);
  reached[0] = 1;
  for (let i = 0; i < letters.length; i++) {
    if (!reached[i]) continue;
    for (const word of words) if (letters.startsWith(word, i)) reached[i + word.length] = 1;
  }
  return reached[letters.length] === 1;
}

/**
 * Words read back from leet in a value as short as people type (`Tr0ub4dor&3horse99`: Troubador, horse): words of
 * five letters or more, half their letter pairs common, nine letters in all, in a value with a capital or a sign.
 * Longer values are left to inWords: in 32 random characters such words turn up by chance one time in fifty.
 */
function leetWords(read: string): boolean {
  // (a capital or a sign, as a person's leet has: in random lower case and digits, digits read back make words too often)
  if (read.length > LEET_WORDS_MAX || !/[A-Z]|[^A-Za-z0-9]/.test(read)) return false;
  let worded = 0;
  for (const word of read.match(WORD_PARTS) ?? []) if (word.length >= 5 && readsAsWord(word, 2)) worded += word.length;
  return worded >= 9;
}
const LEET_WORDS_MAX = 24;

/** Letters in words people put in passwords (PASSWORD_WORDS), in the value's word parts. */
function knownWords(secret: string): number {
  let known = 0;
  for (const part of secret.match(WORD_PARTS) ?? []) {
    if (part.length < 4) continue;
    const w = part.toLowerCase();
    for (const word of PASSWORD_WORDS) {
      if (word.length <= w.length && w.includes(word)) {
        known += word.length;
        break;
      }
    }
  }
  return known;
}

/**
 * Words of four letters or more that people build passwords from: the common ones of leaked password
 * lists, and a data team's (its tools, environments and jobs: `Nightly-L0ader`, `Bi-R3ad3r-mysql`).
 * In a random value of 16 letters and digits one turns up about once in ten thousand.
 */
const PASSWORD_WORDS = [
  'password', 'passwd', 'admin', 'root', 'user', 'login', 'welcome', 'secret', 'letmein', 'qwerty', 'monkey', 'dragon', 'master',
  'shadow', 'sunshine', 'princess', 'football', 'baseball', 'soccer', 'hockey', 'summer', 'winter', 'spring', 'autumn', 'love',
  'hello', 'test', 'demo', 'guest', 'prod', 'stage', 'staging', 'develop', 'local', 'cloud', 'data', 'warehouse', 'analytics',
  'analyst', 'engineer', 'report', 'reader', 'writer', 'loader', 'load', 'sync', 'service', 'account', 'acct', 'team', 'company',
  'group', 'system', 'super', 'secure', 'private', 'public', 'change', 'default', 'temp', 'backup', 'main', 'snowflake',
  'redshift', 'bigquery', 'postgres', 'mysql', 'oracle', 'mssql', 'databricks', 'fivetran', 'airbyte', 'stitch', 'looker',
  'tableau', 'jaffle', 'shop', 'order', 'customer', 'payment', 'sales', 'marketing', 'finance', 'nightly', 'daily', 'weekly',
  'hourly', 'batch', 'pipeline', 'runner', 'worker', 'grant', 'access', 'token', 'pass', 'portal', 'river', 'lake', 'ocean',
  'harbor', 'mountain', 'forest', 'tiger', 'eagle', 'falcon', 'blue', 'green', 'black', 'white', 'silver', 'gold', 'orange',
  'purple', 'yellow', 'happy', 'lucky', 'star', 'moon', 'rain', 'snow', 'fire', 'water', 'home', 'work', 'office', 'world',
].sort((a, b) => b.length - a.length);

/**
 * At least 6 letters, and 1/`share` of them or more, in words (readsAsWord) whose letter pairs are
 * common ones at least (`pairs` - 1)/`pairs` of the time (half: 2, two thirds: 3).
 */
function inWords(secret: string, share: number, pairs: number): boolean {
  let letters = 0;
  let worded = 0;
  for (const word of secret.match(WORD_PARTS) ?? []) {
    letters += word.length;
    if (readsAsWord(word, pairs)) worded += word.length;
  }
  return worded >= 6 && worded * share >= letters;
}

/** Letters written as digits and signs inside a word (`Tr0ub4dor`, `R34d!ng`), read back when looking for words. */
const LEET_LETTERS: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };
const LEET = /(?<=[A-Za-z][013457@$!]{0,2})[013457@$!](?=[013457@$!]{0,2}[A-Za-z])/g;

/** The longest value read for a person's marks. */
const PERSON_MAX = 64;
const YEAR = /(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)/;
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
/** Each row's runs of four keys (`qwer`, `wert`, …), made once. */
const KEYBOARD_RUNS = KEYBOARD_ROWS.flatMap((row) => Array.from({ length: row.length - 3 }, (_, i) => row.slice(i, i + 4)));
/** Letter runs cut where a capital starts a word (`AnalyticsTeam`: Analytics, Team) or a run of capitals ends (`HTTPServer`); bounded as the detectors' scanning regexes are (a value read is at most PERSON_MAX, 64, characters). */
const WORD_PARTS = /[A-Z]{2,64}(?![a-z])|[A-Z]?[a-z]{1,64}|[A-Z]/g;
const WORD_CASE = /^(?:[A-Z]?[a-z]+|[A-Z]+)$/;
/** English's common letter pairs: a word has half of its pairs or more among them (`snowflake`: sn, no, ow, fl, ak, ke), two thirds when read back from leet. */
const COMMON_PAIRS = new Set(
  (
    'th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si ' +
    'om ur ca el ta la ns ge ly ei di pe ec pr no ct lo ac us il tr un so wa ow ad ap op pa ss na ke sh ck wo ai po ol ot gr rd em ey ys ft sn fl ' +
    'ak oo ok rs ts ab ul id ig im ir mp nc nk od pl sp ud um up ut wh wi'
  ).split(' '),
);

function readsAsWord(word: string, pairs: number): boolean {
  if (word.length < 4 || !WORD_CASE.test(word)) return false;
  const w = word.toLowerCase();
  return commonPairs(w) * pairs >= (w.length - 1) * (pairs - 1);
}

/** How many of a lower-case word's letter pairs are among English's common ones (COMMON_PAIRS). */
function commonPairs(w: string): number {
  let common = 0;
  for (let i = 1; i < w.length; i++) if (COMMON_PAIRS.has(w.slice(i - 1, i + 1))) common++;
  return common;
}

/**
 * A memorable password as password managers make them (1Password's, Bitwarden's with a number): two to four lower-case
 * words of three to twelve letters joined by hyphens, then a number of three to eight digits (`harbor-marble-6501`,
 * `cedar-violet-lantern-4417`). Words drawn from a list of common ones, each reads as a word (looksLikeWord); a setting
 * or a measure written so (`min-length-128`, `valid-for-3600`, `rotated-every-180`) has a word of a policy, a unit or
 * a preposition, which such lists leave out (SETTING_TERMS).
 */
export function readsLikeMemorablePassword(v: string): boolean {
  if (v.length > 64 || !MEMORABLE.test(v)) return false;
  const words = v.split('-');
  words.pop();
  return words.every((w) => (w.length === 3 || looksLikeWord(w) || speakable(w)) && !SETTING_TERMS.has(w));
}

/**
 * A word a generator's list may hold that looksLikeWord's common letter pairs miss (`ivory`, `birch`, `kayak`, `zephyr`,
 * `saffron`: red team 85): a vowel (or `y`), no four consonants in a row, no three of one letter in a row.
 */
function speakable(w: string): boolean {
  return /[aeiouy]/.test(w) && !/[^aeiouy]{4}/.test(w) && !/([a-z])\1\1/.test(w);
}

const MEMORABLE = /^[a-z]{3,12}(?:-[a-z]{3,12}){1,3}-\d{3,8}$/;

/** Words of a policy, a measure, a schedule or a record's id, and prepositions: what a setting's slug is made of. */
const SETTING_TERMS = new Set([
  'min', 'max', 'minimum', 'maximum', 'length', 'chars', 'characters', 'size', 'limit', 'bits', 'rounds', 'ttl', 'age', 'days', 'hours',
  'minutes', 'seconds', 'secs', 'timeout', 'retry', 'retries', 'attempts', 'valid', 'expires', 'expiry', 'after', 'every', 'rotated',
  'rotate', 'rotation', 'policy', 'rule', 'default', 'managed', 'version', 'build', 'release', 'ticket', 'issue', 'incident', 'change',
  'request', 'page', 'step', 'port', 'for', 'per', 'the', 'and', 'not', 'set', 'see', 'via', 'from', 'with', 'into', 'until',
  // and a job's or a store's, whose names a phrase about a password gives (`refreshed by the CronJob: secrets-sync-0300`)
  'secret', 'secrets', 'password', 'passwords', 'sync', 'cron', 'job', 'backup', 'deploy', 'prod', 'staging', 'dev', 'test',
]);

/**
 * Whether a run of four letters or more (one case, or a capital then lower case) reads as a word rather than as
 * letters drawn at random: no five consonants in a row, and its letter pairs mostly English's common ones, or
 * half of them with a vowel in four letters, or a third with a vowel in three (`Strength`, `Default`, `Azure`,
 * `Credential`; not `Skrjfb`, `XRNLO`, `WUWF`). Letters drawn at random from 52 read as a word of four about one
 * time in a hundred, where any run of four letters counted before: a random token of 40 letters and digits was
 * taken for a name made of words (isMostlyWords) 2.5 % of the time, of 16 one in ten; now 0.01 % and 0.3 %.
 */
export function looksLikeWord(part: string): boolean {
  const w = part.toLowerCase();
  if (w.length < 4 || CONSONANT_RUN.test(w)) return false;
  let vowels = 0;
  for (let i = 0; i < w.length; i++) if (VOWELS.includes(w[i]!)) vowels++;
  const common = commonPairs(w);
  const pairs = w.length - 1;
  return common * 3 >= pairs * 2 || (vowels * 4 >= w.length && common * 2 >= pairs) || (vowels * 3 >= w.length && common * 3 >= pairs);
}

const VOWELS = 'aeiouy';
const CONSONANT_RUN = /[^aeiouy]{5}/;

/** Four letters or digits in a row, each one up or each one down from the one before (`1234`, `abcd`, `9876`). */
function inOrder(s: string): boolean {
  let run = 1;
  let step = 0;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    const both = isAlnum(s.charCodeAt(i)) && isAlnum(s.charCodeAt(i - 1));
    if (both && (d === 1 || d === -1) && (run === 1 || d === step)) {
      step = d;
      if (++run >= 4) return true;
    } else {
      run = both && (d === 1 || d === -1) ? 2 : 1;
      step = d;
    }
  }
  return false;
}

/** An ASCII letter or digit, by its code (read for every pair of characters: no regex a character). */
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Four characters (case aside) that come again later. */
function repeatsFour(s: string): boolean {
  const l = s.toLowerCase();
  // each run of four once, in order: one seen before at an earlier place repeats (they may overlap, `aaaaa`)
  const seen = new Set<string>();
  for (let i = 0; i + 4 <= l.length; i++) {
    const run = l.slice(i, i + 4);
    if (seen.has(run)) return true;
    seen.add(run);
  }
  return false;
}

/**
 * How often the case changes where words do not change it: a lower-case letter between two
 * capitals (`aBcD`: c) and two capitals in a row (`BT`). Words written in title case have neither
 * but for one-letter words and acronyms; 16 letters of random case have about six. Counted only
 * when each case is at least a quarter of the letters: words in capitals are not random.
 */
export function randomCase(s: string): number {
  let n = 0;
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < s.length; i++) {
    const here = caseOf(s.charCodeAt(i));
    if (here === UPPER) upper++;
    else if (here === LOWER) lower++;
    if (i === 0) continue;
    const before = caseOf(s.charCodeAt(i - 1));
    if (here === UPPER && before === UPPER) n++;
    else if (here === LOWER && before === UPPER && caseOf(s.charCodeAt(i + 1)) === UPPER) n++;
  }
  return Math.min(upper, lower) * 4 >= upper + lower ? n : 0;
}

const UPPER = 1;
const LOWER = 2;

function caseOf(c: number): number {
  return c >= 65 && c <= 90 ? UPPER : c >= 97 && c <= 122 ? LOWER : 0;
}
