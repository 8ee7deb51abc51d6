/**
 * Fingerprints identify a finding across runs without holding its value: rule, detector, a keyed
 * hash of the secret, the artifact kind and a JSON path with no volatile parts. The same fingerprint keys the
 * baseline, so it must survive regenerated one-line manifests, reordered nodes and a new dbt
 * version: no line or column, no array positions, no generated hash suffixes.
 *
 * A fingerprint must not let whoever holds a baseline or a SARIF upload test guesses of a weak
 * password. With a secret key (DBT_TOOLS_LINT_SALT, a CI secret) the value hash is an HMAC that
 * nobody without the key can compute. Without one the salt is public (the default, or `salt` in a
 * committed config), so a value that could be guessed — anything but a token of a known format
 * or a long random value, whose bodies are beyond guessing — gets a slow, memory-hard hash
 * (scrypt), computed once per distinct value per process.
 */
import { createHmac, hash, randomBytes, scryptSync } from 'node:crypto';
import type { PathSegment } from '../types.js';
import { hexOf, joinOwn } from '../util/strings.js';
import { TOKEN_FORMATS } from '../detectors/token-formats.js';
import { shannonEntropy } from '../detectors/entropy.js';
import { SlowHashes } from './slow-hash.js';
import { SEMANTIC_ENTRIES } from '../artifacts/recognize.js';
import { HEX_ONLY, madeByPerson, randomCase } from '../detectors/person-made.js';
import { literalLead } from './public-prefix.js';

export const DEFAULT_SALT = 'dbt-tools-lint/v1';

/** The environment variable that holds a repository's secret fingerprint key. Never printed. */
export const SALT_ENV = 'DBT_TOOLS_LINT_SALT';

/** Shortest key accepted from SALT_ENV: a key short enough to guess would protect nothing. */
export const MIN_SECRET_SALT = 16;

const SECRET_MARK = '\u0000secret-key\u0000';

/** A salt that nobody else knows (from SALT_ENV): values are hashed fast, since guesses cannot be tested without it. */
export function secretSalt(key: string): string {
  return SECRET_MARK + key;
}

/**
 * A key for a run that shows no hash to anyone (see runScan's text listing, and redact): made now and never written, it
 * serves as DBT_TOOLS_LINT_SALT does, so no value needs the slow hash a public salt calls for; values are still told apart.
 */
export function runOnlySalt(): string {
  return secretSalt(randomBytes(32).toString('base64url'));
}

export function isSecretSalt(salt: string): boolean {
  return salt.startsWith(SECRET_MARK);
}

/** 16 hex of the key's own HMAC over a fixed text: tells two keys apart, says nothing of a key too long to guess. */
export function saltCheck(salt: string): string {
  return createHmac('sha256', salt).update('dbt-tools-lint fingerprint key check').digest('hex').slice(0, 16);
}

/**
 * scrypt's cost: 2^12 rounds over 4 MB, a few milliseconds per distinct value — thousands of times
 * an HMAC for whoever tests guesses, yet a run with thousands of distinct passwords stays in
 * seconds (2^14, the login setting, took 4× as long). It slows guessing; only the key prevents it.
 */
const SCRYPT = { N: 2 ** 12, r: 8, p: 1, maxmem: 32 * 1024 * 1024 } as const;

/** Machine-generated tokens: a fast hash is enough, a guess at 100+ random bits never succeeds. */
const RANDOM_FORMATS = new Set(TOKEN_FORMATS.map((f) => f.id));

/** Slow hashes by the value's fast hash (so they hold no value): one per distinct value, up to 100,000. */
const slowHashes = new SlowHashes(SCRYPT, 100_000);

/** A large file is being walked, with threads: hand its guessable values to the hashing thread from the first (see SlowHashes.handOverFromFirst). */
export function hashManySoon(): void {
  slowHashes.handOverFromFirst();
}

/**
 * Slow hashes shared between threads (see shared-hashes.ts): the table to hand to the threads a scan
 * starts, or, given the table of the thread that started this one, that table read and written from now on.
 */
export function shareSlowHashes(buffer?: SharedArrayBuffer): SharedArrayBuffer {
  return slowHashes.share(buffer);
}

/**
 * A value that looks generated, too random to guess: at least 16 characters, most of them
 * different for the alphabet it draws from (hex or not), mixed the way a generator mixes them:
 * letters with digits (`Pg-7Kx2…` from a password manager or a cloud console), or upper and lower
 * case at random rather than at the starts of words (`Rp-qXvBTmNa…`), and with nothing a person
 * puts in a password (see madeByPerson). A person's password (`Tr0ub4dor&3`,
 * `snowflake_prod_2024`, `AnalyticsTeam#2024`) or a passphrase (`CorrectHorseBatteryStaple`,
 * `MyDogIsBigAndOld`) is not; it gets the slow hash. Keeps a run with thousands of generated
 * passwords fast.
 */
export function beyondGuessing(secret: string): boolean {
  if (secret.length < 16) return false;
  // most characters different: 80 % of the entropy the value's length allows in its alphabet
  const alphabet = HEX_ONLY.test(secret) ? 16 : 62;
  if (shannonEntropy(secret) < 0.8 * Math.log2(Math.min(secret.length, alphabet))) return false;
  return ((/[A-Za-z]/.test(secret) && /\d/.test(secret)) || randomCase(secret) >= 4) && !madeByPerson(secret);
}

/**
 * The test before session 44 (version 2 baselines): 16 characters, 3.5 bits a character of
 * Shannon entropy, and mixed. It took `snowflake_prod_2024` for generated, and a random
 * 12-character body after a fixed prefix, whose characters repeat by chance, for guessable.
 */
function beyondGuessingBefore(secret: string): boolean {
  if (secret.length < 16 || shannonEntropy(secret) < 3.5) return false;
  return (/[A-Za-z]/.test(secret) && /\d/.test(secret)) || randomCase(secret) >= 4;
}


/**
 * A PEM block is one key however it was written: raw in `args.vars`, with `\n` escapes in the
 * command line that echoes them (once or twice escaped), with CRLF line ends. Its escapes and CRs
 * are undone before hashing, so that it counts as one secret. Other values are hashed as found.
 */
export function canonicalSecret(secret: string): string {
  if (!secret.startsWith('-----BEGIN ')) return secret;
  return secret.replace(/\\{1,4}r(?=\\{1,4}n)|\r(?=\n)/g, '').replace(/\\{1,4}n/g, '\n');
}

export function hashSecret(found: string, salt: string, detectorId: string): string {
  return settledHash(valueHash(found, salt, detectorId, false), found, salt, detectorId);
}

/**
 * hashSecret, or a mark that stands for it until the findings are built (settledHash, on the same thread, gives the
 * hash): in a file's scan, a guessable value's slow hash is decided by the file's budget once its walk is over (see
 * FileHashes); with `later`, where threads may be used, a thread of its own computes it meanwhile (see slow-hash.ts).
 */
export function hashSecretSoon(found: string, salt: string, detectorId: string, later = true): string {
  return valueHash(found, salt, detectorId, later);
}

/** The hash that hashSecretSoon's answer stands for (`found`, `salt`, `detectorId`: what it was given). */
export function settledHash(soon: string, found: string, salt: string, detectorId: string): string {
  if (soon.startsWith(CHOSEN_LATER)) {
    const fast = soon.slice(CHOSEN_LATER.length);
    const secret = canonicalSecret(found);
    return fileHashes ? fileHashes.settle(fast, secret, salt) : (slowHashes.get(fast) ?? slowHashHere(secret, salt, fast));
  }
  if (!SlowHashes.isPending(soon)) return soon;
  return slowHashes.settled(soon) ?? hashSecret(found, salt, detectorId);
}

/**
 * HMAC-SHA256 under one key (RFC 2104), from two one-shot hashes over buffers that hold the padded
 * key: createHmac builds a key object and a hash context per call, about twice the work for the
 * short values of a finding (a findings-heavy scan hashes tens of thousands).
 */
class KeyedHash {
  /** The key xor ipad, then room for the message. */
  private inner: Buffer;
  /** The key xor opad, then the inner digest. */
  private readonly outer = Buffer.alloc(BLOCK + 32);

  constructor(readonly key: string) {
    let k = Buffer.from(key, 'utf8');
    if (k.length > BLOCK) k = hash('sha256', k, 'buffer');
    this.inner = Buffer.alloc(BLOCK + 256);
    for (let i = 0; i < BLOCK; i++) {
      const b = i < k.length ? k[i]! : 0;
      this.inner[i] = b ^ 0x36;
      this.outer[i] = b ^ 0x5c;
    }
  }

  /** The first 16 bytes of the HMAC of `message` (UTF-8), as hex. */
  hex16(message: string): string {
    const n = Buffer.byteLength(message, 'utf8');
    if (BLOCK + n > this.inner.length) {
      const grown = Buffer.alloc(BLOCK + Math.max(n, this.inner.length * 2));
      this.inner.copy(grown, 0, 0, BLOCK);
      this.inner = grown;
    }
    this.inner.write(message, BLOCK, 'utf8');
    this.outer.write(hash('sha256', new Uint8Array(this.inner.buffer, this.inner.byteOffset, BLOCK + n), 'binary'), BLOCK, 'latin1');
    return hexOf(hash('sha256', this.outer, 'binary'), 16);
  }
}

/** SHA-256's block: a key is padded (or first hashed) to it. */
const BLOCK = 64;

/** The run's keyed hash (one salt a run; tests may change it). */
let keyed: KeyedHash | undefined;

function valueHash(found: string, salt: string, detectorId: string, later: boolean): string {
  const secret = canonicalSecret(found);
  const fast = fastHash(secret, salt);
  if (isSecretSalt(salt) || RANDOM_FORMATS.has(detectorId) || beyondGuessing(secret)) return fast;
  return slowHash(secret, salt, fast, later);
}

/**
 * The value hash a secret's id is made from (secretIdOf): the fingerprint's, `secretHash`, unless a detector of no token
 * format found a token's value that hashSecret hashed slowly for want of its format (red team 89: `key-<32 hex>` under
 * `mailgun_api_key` had one id from secret-key-name and another from mailgun-api-key). A format's fixed prefix and a body
 * beyond guessing (isPrefixedRandom) is a token by its value alone: its fast hash, as the format's own detector gives it.
 * The fingerprint keeps its hash, so that a baseline's entries still match.
 */
export function secretIdHash(found: string, salt: string, detectorId: string, secretHash: string): string {
  if (isSecretSalt(salt) || RANDOM_FORMATS.has(detectorId)) return secretHash;
  const secret = canonicalSecret(found);
  // (the prefix first: valueHash judged the whole value already, and almost no password starts with a format's prefix)
  return isPrefixedRandom(secret) && !beyondGuessing(secret) ? fastHash(secret, salt) : secretHash;
}

/**
 * The fixed prefixes of the token formats (`key-`, `xoxb-`, `sk_live_`), three characters or more, by their first
 * character: every finding of a detector of no token format asks (175 prefixes; isFilledToken's table is so kept too).
 */
const TOKEN_PREFIXES = new Map<string, string[]>();
for (const lead of new Set(TOKEN_FORMATS.map((f) => literalLead(f.pattern.source)).filter((l) => l.length >= 3))) {
  const first = TOKEN_PREFIXES.get(lead[0]!);
  if (first) first.push(lead);
  else TOKEN_PREFIXES.set(lead[0]!, [lead]);
}

/** A token format's prefix, then a body beyond guessing: the prefix lowers the whole value's spread of characters, not its randomness. */
function isPrefixedRandom(secret: string): boolean {
  return TOKEN_PREFIXES.get(secret[0] ?? '')?.some((prefix) => secret.startsWith(prefix) && beyondGuessing(secret.slice(prefix.length))) ?? false;
}

function fastHash(secret: string, salt: string): string {
  if (keyed?.key !== salt) keyed = new KeyedHash(salt);
  return keyed.hex16(secret);
}

/** Values that needed a slow hash, over the process, each once a file (for tests: a run whose reports show no hash asks none, see runScan). */
export const SLOW_HASH_COUNTS = { asked: 0 };

/**
 * The value hash of a guessable value past its file's slow-hash budget (see FileHashes): no hash of the value at all, so
 * that its fingerprint keys on the rule, the place and the occurrence there only, and says nothing of the value. No
 * value hash is hex of this length: never taken for one.
 */
const BY_PLACE = 'by-place';

/** Whether a value hash is BY_PLACE's: the value was not hashed (its secret id is then its finding's own, see byPlaceSecretId). */
export function isByPlace(secretHash: string): boolean {
  return secretHash === BY_PLACE;
}

/**
 * The distinct guessable values of one file that get a slow hash, at most: 256 (red team 126: 2,000 distinct
 * `password=<14 random>` in one 52 KB description took 9.3 s in SARIF, 10,000 in 244 KB 83 s, about 10 ms each; the leaky
 * sample's manifest has 95, the findings-heavy bench 105 in 100 MB). Past it, a file's values are fingerprinted by their
 * place (BY_PLACE), and the run says so: with a secret key (DBT_TOOLS_LINT_SALT) no value needs a slow hash, and there is
 * no budget. Not from the file's size: a file pretty-printed or grown by a paragraph moved values past it or back, and a
 * baseline's entries with them (red team 132; red team 128's many small files each take theirs, as before the budget).
 * Nor from the file's order: the values taken are those of the smallest fast hashes (see FileHashes), so that nodes
 * dbt writes in another order, or a file walked in two halves, take the same. (Tests lower it.)
 */
export const SLOW_HASH_BUDGET = { most: 256 };

/**
 * The values a file's walk hands to the hashing thread before its findings are built, at most, as budgets of SLOW_HASH_BUDGET:
 * a value handed over may leave the budget when a smaller one comes (its hash is then not used), and values written in
 * the order of falling fast hashes would each do so.
 */
const HANDED_DURING_WALK = 4;

/** A value hash the file's budget settles once the file's walk is over (see FileHashes): this mark, then the value's fast hash. Never written out. */
const CHOSEN_LATER = '\u0000budget\u0000';

/**
 * The slow-hash budget of one file (or of one part of it walked elsewhere, see takeFileChoice): its guessable values are
 * offered as the walk finds them, and those of the SLOW_HASH_BUDGET.most smallest fast hashes are kept (a max-heap): which
 * values those are depends on the file's values alone, not on their order. Its findings, built after the walk, settle
 * each value: its slow hash if kept, else BY_PLACE. Values kept during the walk are handed to the hashing thread (where
 * threads may be used), and taken back when a smaller one takes their place.
 */
class FileHashes {
  /** Values kept by the parts of the file read before this one, if it is a part (see beginPartHashes): kept here too, at no cost. */
  private readonly before: ReadonlySet<string> | undefined;
  /** The most values this budget keeps: SLOW_HASH_BUDGET's, less what the file's parts read before kept. */
  private readonly limit: number;
  /** Values kept by this file's parts (see endPartHashes). */
  readonly inParts = new Set<string>();
  /** The fast hashes kept, as a max-heap: the largest first. */
  private readonly heap: string[] = [];
  /** The values kept, by their fast hash. */
  private readonly kept = new Map<string, { secret: string; salt: string }>();
  /** Findings were built: what is kept is kept (a value offered since is kept only while there is room). */
  private settling = false;
  /** A value was offered where threads may be used: what is kept is handed to the hashing thread. */
  private later = false;
  private handed = 0;
  /** Findings whose value came past the budget. */
  past = 0;
  /** The values kept whose hash findings asked for (SLOW_HASH_COUNTS). */
  private readonly asked = new Set<string>();

  /** `file`: the budget of the file this one is a part of. */
  constructor(file?: FileHashes) {
    this.before = file && new Set([...file.inParts, ...file.kept.keys()]);
    this.limit = Math.max(0, SLOW_HASH_BUDGET.most - (this.before?.size ?? 0));
  }

  /** The distinct values given a slow hash: kept here or by the file's parts. */
  get slowHashed(): number {
    return this.kept.size + this.inParts.size;
  }

  /** Values kept here: for the file's budget, when this is a part's (see endPartHashes). */
  keptValues(): Iterable<string> {
    return this.kept.keys();
  }

  /** A guessable value the file holds (`fast`: its fast hash); `later`: threads may be used. */
  offer(fast: string, secret: string, salt: string, later: boolean): void {
    this.later ||= later;
    if (this.kept.has(fast) || this.before?.has(fast) || this.limit === 0) return;
    const room = this.heap.length < this.limit;
    if (!room && (this.settling || fast >= this.heap[0]!)) return;
    if (room) this.push(fast);
    else {
      const out = this.heap[0]!;
      this.kept.delete(out);
      slowHashes.withdraw(out);
      this.replaceTop(fast);
    }
    this.kept.set(fast, { secret, salt });
    if (later && this.handed < HANDED_DURING_WALK * SLOW_HASH_BUDGET.most && slowHashes.get(fast) === undefined && slowHashes.later(fast, secret, `${salt}/scrypt`)) this.handed++;
  }

  /** The value hash of a value offered (see CHOSEN_LATER): its slow hash if it is kept, else BY_PLACE. */
  settle(fast: string, secret: string, salt: string): string {
    if (!this.settling) {
      this.settling = true;
      // the values kept and not handed over yet go to the hashing thread now, all at once: this thread hashes beside it
      if (this.later) slowHashes.handOver([...this.kept].filter(([kept]) => slowHashes.get(kept) === undefined).map(([kept, value]) => [kept, value.secret, `${value.salt}/scrypt`] as const));
    }
    if (!this.kept.has(fast) && !this.before?.has(fast)) {
      this.past++;
      return BY_PLACE;
    }
    // (each value once a file: one kept by a part before this one was counted there)
    if (this.kept.has(fast) && !this.asked.has(fast)) {
      this.asked.add(fast);
      SLOW_HASH_COUNTS.asked++;
    }
    return slowHashes.get(fast) ?? slowHashes.waitFor(fast) ?? slowHashHere(secret, salt, fast);
  }

  /** The values kept, with their fast hashes: what a part of a file walked elsewhere hands to the file's budget. */
  choice(): [fast: string, secret: string][] {
    return [...this.kept].map(([fast, { secret }]) => [fast, secret]);
  }

  private push(fast: string): void {
    const heap = this.heap;
    let i = heap.push(fast) - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (heap[up]! >= fast) break;
      heap[i] = heap[up]!;
      i = up;
    }
    heap[i] = fast;
  }

  private replaceTop(fast: string): void {
    const heap = this.heap;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const larger = left + 1 < heap.length && heap[left + 1]! > heap[left]! ? left + 1 : left;
      if (heap[larger]! <= fast) break;
      heap[i] = heap[larger]!;
      i = larger;
    }
    heap[i] = fast;
  }
}

/** The budget of the file this thread is scanning, if one was begun (outside a file's scan there is none). */
let fileHashes: FileHashes | undefined;

/**
 * Begin a file's slow-hash budget on this thread (see SLOW_HASH_BUDGET); returns the budget it replaces, for
 * endFileHashes. The budget depends on the file alone, so the same file gets the same fingerprints whatever was scanned
 * before it or beside it. One begun within another is one of its own (a split file's back half, on its thread); a part of
 * the file that is built before the next is read has beginPartHashes'.
 */
export function beginFileHashes(): FileHashes | undefined {
  const before = fileHashes;
  fileHashes = new FileHashes();
  return before;
}

/** What a file's budget came to: the values given a slow hash, and the findings whose value came past it. */
export interface PastBudget {
  slowHashed: number;
  findings: number;
}

/** End the file's budget begun last, putting back `before`: what it came to. */
export function endFileHashes(before: FileHashes | undefined): PastBudget {
  const ended = { slowHashed: fileHashes?.slowHashed ?? 0, findings: fileHashes?.past ?? 0 };
  fileHashes = before;
  return ended;
}

/**
 * Begin the budget of a part of this thread's file that is built before the next is read (a page's text, each artifact it
 * inlines): the values the parts before it kept are kept in it at no cost, and it keeps what is left of the file's
 * SLOW_HASH_BUDGET (red team 133: a page of 20 inlined manifests, each with a budget of its own, took 5,120 slow hashes).
 * Each part chooses by value as a file does; which part comes first is the page's order, which dbt writes.
 */
export function beginPartHashes(): FileHashes | undefined {
  const file = fileHashes;
  fileHashes = new FileHashes(file);
  return file;
}

/** End the part's budget begun last (beginPartHashes), and count it as the file's. */
export function endPartHashes(file: FileHashes | undefined): void {
  const part = fileHashes;
  fileHashes = file;
  if (!part || !file) return;
  file.past += part.past;
  for (const fast of part.keptValues()) file.inParts.add(fast);
}

/** The values the budget of a part of a file walked on this thread keeps (a split file's back half): for the file's own budget, see offerChoice. */
export function takeFileChoice(): [fast: string, secret: string][] {
  return fileHashes?.choice() ?? [];
}

/**
 * The values a part of this thread's file walked elsewhere kept (takeFileChoice there), offered to the file's budget: what
 * a value past its part's budget was not among the file's smallest either. `salt`: the run's; `later`: threads may be used.
 */
export function offerChoice(choice: readonly (readonly [fast: string, secret: string])[], salt: string, later: boolean): void {
  for (const [fast, secret] of choice) fileHashes?.offer(fast, secret, salt, later);
}

function slowHash(secret: string, salt: string, fast: string, later: boolean): string {
  // in a file's scan, its budget chooses once the walk is over
  if (fileHashes) {
    fileHashes.offer(fast, secret, salt, later);
    return CHOSEN_LATER + fast;
  }
  SLOW_HASH_COUNTS.asked++;
  // the cache is keyed by the fast hash, so it holds no value; one entry per distinct value
  return slowHashes.get(fast) ?? (later ? slowHashes.later(fast, secret, `${salt}/scrypt`) : undefined) ?? slowHashHere(secret, salt, fast);
}

/** scrypt of a value, on this thread, kept by its fast hash (for every thread). */
function slowHashHere(secret: string, salt: string, fast: string): string {
  const slow = scryptSync(secret, `${salt}/scrypt`, 16, SCRYPT).toString('hex');
  slowHashes.set(fast, slow);
  return slow;
}

/**
 * The value hash a version 2 baseline holds for `found`, where it is not hashSecret's: a value that
 * the test before session 44 took for generated and this one for guessable (`snowflake_prod_2024`:
 * its fast hash then), or the other way round (its slow hash then). Undefined for every other value.
 */
export function hashSecretBefore(found: string, salt: string, detectorId: string): string | undefined {
  if (isSecretSalt(salt) || RANDOM_FORMATS.has(detectorId)) return undefined;
  const secret = canonicalSecret(found);
  const before = beyondGuessingBefore(secret);
  if (before === beyondGuessing(secret)) return undefined;
  const fast = fastHash(secret, salt);
  if (before) return fast;
  // (its slow hash, once computed, is at hand; each other is one of a few a run computes: see BEFORE_SLOW_HASHES)
  const known = slowHashes.get(fast);
  if (known !== undefined) return known;
  if (!beforeHashed.has(fast)) {
    if (beforeHashed.size >= BEFORE_SLOW_HASHES.most) return undefined;
    beforeHashed.add(fast);
  }
  return slowHashHere(secret, salt, fast);
}

/**
 * The slow hashes a process computes for a version 2 baseline's fingerprints (hashSecretBefore), at most: a file's budget is
 * not theirs to take (they are asked as findings are matched, after the walk, and in a scan of folders side by side on the
 * thread that matches them all: red team 128, 3,000 such values took 30 s more). Past it a version 2 entry of such a
 * value is not matched: its finding is new once, as `--update-baseline` would make it.
 */
const beforeHashed = new Set<string>();
export const BEFORE_SLOW_HASHES = {
  most: 256,
  /** Distinct values hashed so far (for tests). */
  get computed(): number {
    return beforeHashed.size;
  },
};

/** Generic-test ids end in a 10-hex hash of their config (`test.shop.not_null_orders_id.4cb17f787b`). */
const TEST_HASH_SUFFIX = /^(test\.[^/]+)\.[0-9a-f]{10}$/;

/** Fields dbt 1.3 renamed (schema v7): a node's code is the same place under either name. */
const RENAMED_FIELDS: ReadonlyMap<string, string> = new Map([
  ['raw_sql', 'raw_code'],
  ['compiled_sql', 'compiled_code'],
]);

/**
 * The path as a stable, readable string: run results are named by their unique id, the entries of a semantic
 * manifest by theirs (see nodeAt), other array positions become [*], generated hash suffixes and hooks' positions are
 * dropped, the fields dbt renamed go by their new names. `metadata.env.DB_PASSWORD`.
 */
export function stablePath(path: readonly PathSegment[], uniqueId: string | undefined): string {
  const pieces: string[] = [];
  let written = false;
  path.forEach((seg, i) => {
    const piece = typeof seg === 'number' ? (i === 1 && uniqueId && (path[0] === 'results' || SEMANTIC_ENTRIES.has(path[0] as string)) ? `[${stripHash(uniqueId)}]` : '[*]') : (written ? '.' : '') + stripHash(RENAMED_FIELDS.get(seg) ?? seg);
    written ||= piece.length > 0;
    pieces.push(piece);
  });
  // a flat string of its own: each finding keeps it
  return joinOwn(pieces);
}

/**
 * dbt numbers a project's on-run-start and on-run-end hooks by their position (`operation.shop.shop-on-run-start-0`):
 * a hook added before the others renumbers them all (red team 64). The hook's kind is its place; the same secret in two
 * hooks of one kind is told apart by its occurrence, as two pre-hooks of one model are.
 */
const HOOK_POSITION = /^(operation\.[^.]+\.[^.]+-on-run-(?:start|end))-\d+$/;

function stripHash(id: string): string {
  // (only a test's id can end in a hash, only an operation's in a position: every other segment of every finding's
  // path skips the regexes)
  if (id.startsWith('test.')) return id.replace(TEST_HASH_SUFFIX, '$1');
  return id.startsWith('operation.') ? id.replace(HOOK_POSITION, '$1') : id;
}

export function fingerprint(parts: { ruleId: string; detectorId: string; secretHash: string; stablePath: string; occurrence: number }): string {
  // hex of the first 16 bytes; one call, no Hash object: a finding makes three such hashes, a heavy scan hundreds of thousands
  return hexOf(hash('sha256', [parts.ruleId, parts.detectorId, parts.secretHash, parts.stablePath, String(parts.occurrence)].join('\u0000'), 'binary'), 16);
}

/**
 * Fingerprints for one file: the same secret found twice at the same place (two pre-hooks, twice in
 * a rendered model) gets an occurrence number, so each keeps its own identity. (Not in a log, which
 * grows by appending: see textFindings.)
 */
export class Fingerprints {
  /**
   * How often each (rule, detector, value, place) came, by its first fingerprint: a hash of the same
   * parts, and the string the first finding keeps anyway (the parts joined were ~200 characters a
   * finding more, held until the file's last finding).
   */
  private readonly seen = new Map<string, number>();

  /** The occurrence number of the last fingerprint ofHashed gave (0: the first at its place). */
  occurrence = 0;

  /**
   * From the secret's hash (hashSecret with the run's salt; the secret's id takes it too). `place` is the
   * kind of file and the stable location in it: `manifest:nodes.model.a.b.compiled_code`.
   */
  ofHashed(ruleId: string, detectorId: string, secretHash: string, place: string): string {
    const first = fingerprint({ ruleId, detectorId, secretHash, stablePath: place, occurrence: 0 });
    const occurrence = this.seen.get(first) ?? 0;
    this.seen.set(first, occurrence + 1);
    this.occurrence = occurrence;
    return occurrence === 0 ? first : fingerprint({ ruleId, detectorId, secretHash, stablePath: place, occurrence });
  }
}
