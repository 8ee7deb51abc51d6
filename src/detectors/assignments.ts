/**
 * Secrets assigned to secret-named keys inside free text: `password=…` in a DSN or URL query,
 * `"api_key": "…"` in a JSON or YAML string (`--vars`), `pwd=…;` in ODBC connection strings,
 * `client_secret='…'` in a Python model.
 */
import type { Detector, DetectorMatch } from '../types.js';
import { DATE_IN_VALUE, TIMESTAMP_IN_VALUE, isBarePwKey, isForeignPasswordName, isLooseKeyName, isMostlyWords, isRealSecretValue, isSecretKeyName, isKeyFlag, isSystemPasswordKey, isUserKey, namesBareCredential, namesSecretList, readsLikeAuthToken, readsLikeKeyFlagValue, readsLikeLooseKey, readsLikePassword, readsLikeSecretId, readsLikeSystemPassword, isSecretCell, ROW_CELL } from './key-names.js';
import { QUERY_AMPERSAND } from './formats/define.js';
import { randomInOneCase } from './formats/structure.js';
import { isEnvName, namesConnection, namesPassword, namesSecretId } from './key-grammar.js';
import { diffTableSecretCells } from './csv-rows.js';
import { markdownSecretCells } from './markdown-tables.js';
import { isTextbookPassword, madeByPerson, randomCase, readsLikeMemorablePassword } from './person-made.js';
import { isConcatenated, isDefaultCredential } from './placeholder-grammar.js';
import { isPlaceholder } from './placeholders.js';
import { namesValue, SCRIPT_STEMS, SCRIPT_WORDS } from './script-words.js';
import { charge, ForwardSearch, searchFrom } from './work.js';
import { yamlBlockValueAfter } from './yaml-blocks.js';
import { backslashesBefore, isEscapedQuote, unquotedLiteral } from './sql-calls.js';
import { OpenBrackets, throughBrackets } from './value-brackets.js';

/** A name in code, one word (`adzunaKey`, `adzuna.key`): not prose's `lookup where key`, `Polygon key`. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

// `pw` after another word (SNOWFLAKE_PW, db_pw): key-grammar's compound tail; `pw` alone only right before `=` or `:`
// and a password's shape (barePw: `?pw=120` is a picture's width).
// "Password" in the prose of teams that write another language, where its spelling has no `pass`:
// German Kennwort, Dutch wachtwoord, Portuguese senha, Spanish contraseña (its `ñ` ends the keyword),
// Czech heslo, Slovene geslo, Croatian lozinka, Finnish salasana, Danish adgangskode, Afrikaans
// wagwoord, Indonesian kata sandi; where the word has a letter past ASCII, its ASCII run that the
// keyword search can find: Swedish lösenord (`senord`), Hungarian jelszó (`jelsz`), Lithuanian
// slaptažodis (`slapta`), Turkish şifre (`ifre`). The name reaches back over the accented letters (isIdentChar).
// `pat`, a personal access token (`dremio_pat`, `DATABRICKS_PAT`, red team 86), where it ends a word: not `path`, `pattern`.
// `appid`: OpenWeather's and Wolfram|Alpha's API key as a URL's query parameter (QUERY_KEYS), a name with no secret word in it.
// "API key" where another language writes "API" after its word for key (`clé API`, `clave de la API`, `chiave dell'API`,
// `klucz API`, `chave da API`) or before it, with a hyphen (`API-Schlüssel`, `API-sleutel`, `API-nyckeln`): those words
// alone are a lock's, a table's, a cipher's key (`clave primaria`, `Primärschlüssel`), names only with `API` (apiAfter).
const SECRET_WORD = /password|passwd|pwd|pass|secret|token|key|credential|creds|dsn|sas|jwt|pw|pat(?![a-z0-9])|auth|access|appid|kennwort|wachtwoord|senha|contrase|heslo|geslo|lozinka|salasana|adgangskode|wagwoord|sandi|senord|jelsz|slapta|ifre|cl\u00e9|clave|chiave|chave|klucz|schl\u00fcssel|sleutel|nyckel/gi;
/** The words for key that `API` follows, and what may stand between them (`de la`, `d'`, `dell'`, `da`). */
const KEY_BEFORE_API = /^(?:cl\u00e9|clave|chiave|chave|klucz)$/i;
const API_AFTER_KEY = / (?:de la |de l'|d'|de |dell'|della |da |do )?API(?![A-Za-z0-9_-])/y;
/** The words for key that `API-` begins, as one identifier (`API-Schlüssel`, `API-nyckeln`). */
const KEY_AFTER_API = /^(?:schl\u00fcssel|sleutel|nyckel)$/i;
const API_HYPHENATED = /^API-(?:schl\u00fcssel|sleutel|nyckel)n?$/i;
/** Longer runs of identifier characters are text, not a key name. */
const MAX_NAME = 128;
/** Spaces or tabs around `=` or `:` (more is layout no assignment has). */
const MAX_SPACES = 64;
/** The longest word read between a name and Italian's `è`, and how many words (italianIsAfterWords). */
const ITALIAN_WORD = 20;
const ITALIAN_WORDS = 3;
/**
 * A quoted value: at most this many characters, on one line. An AWS session token is 350 to 1,200
 * characters (`aws_session_token: 'IQoJb3JpZ2luX2Vj…'` in a macro's credentials), an OAuth access token
 * or a JWT as long: the closing quote is found by a forward search either way, the bound only says
 * where a quote is too far to close a value.
 */
const MAX_QUOTED = 2048;
/** Past this many characters a quoted value is a token's run only: one that holds a space is text. */
const MAX_QUOTED_TEXT = 256;

/** Whether text[from, end) is too long to be a quoted value: past MAX_QUOTED, or past MAX_QUOTED_TEXT with a space in it. */
function tooLongQuoted(text: string, from: number, end: number): boolean {
  if (end - from > MAX_QUOTED) return true;
  if (end - from <= MAX_QUOTED_TEXT) return false;
  charge(end - from);
  return /\s/.test(text.slice(from, end));
}

/** The letters of an escaped line break or tab (`\n`, `\r`, `\t`). */
const ESCAPE_LETTERS = new Set(['n', 'r', 't']);
/**
 * What ends an unquoted value: in a URL query also '&'; in DSNs, ODBC strings and YAML, '&' is part
 * of it. A raw `#` stays in a query's value (`?password=Zx9#Kp2&db=dw`: JDBC drivers split the query
 * at `&`, and a cut password would be reported partly). As long as a quoted value may be (MAX_QUOTED): a
 * presigned URL's `X-Amz-Security-Token=` holds an STS session token, percent-encoded 400 to 1,600
 * characters, and a span cut at 256 left the rest of it in what `redact` wrote. An escaped line break or tab (`\n`,
 * `\r`, `\t`) ends one too: text that went through a repr or a JSON string (Airflow's log of a command's arguments,
 * `'--vars', "loader_password: …\npartner_feeds:…"`) writes its lines so.
 */
const UNQUOTED_IN_QUERY = /(?:[^\s&;'"<>,(){}[\]`|\\]|\\(?![nrt])){1,2048}/y;
const UNQUOTED_ELSEWHERE = /(?:[^\s;'"<>,(){}[\]`|\\]|\\(?![nrt])){1,2048}/y;
/**
 * A query's `&` escaped as HTML writes it in a link (`&amp;`, `&#38;`, `&#x26;`, `&#038;`: QUERY_AMPERSAND, as azure-sas
 * and signed-url read it), just before a parameter's name, within the longest such escape's reach (`&#x000026;`, 10).
 */
const ESCAPED_AMPERSAND_BEFORE = new RegExp(`${QUERY_AMPERSAND}$`);
const ESCAPED_AMPERSAND_REACH = 10;

/**
 * `dsn=postgresql%3A%2F%2Fu%3Apw%40host`: a URL percent-encoded into a parameter is not itself the
 * secret; the decoder reads it decoded (decode.ts) and reports its password, if it has a real one.
 */
const PERCENT_ENCODED_URL = /^[a-z][a-z0-9+.-]{0,30}%3a%2f%2f/i;

/**
 * Prose that writes a secret right after its name, with no `=` or `:` ("the password Xy7#kq2!pLm9 was
 * rotated", "(API key …)", "subscription key 3f9a…"): one space, then a run of PROSE_MIN or more
 * characters with a digit or a symbol in it. The anchor takes only that much; the value's shape decides
 * (readsLikeRandomProse): prose goes on with words there ("the password reset flow", "api key rotation").
 */
const PROSE_MIN = 12;
/**
 * The same with the value in backticks or double quotes right after the name (`mot de passe \`…\``, `senha
 * \`…\``, `the password "…"`): the quotes delimit it, so it may be shorter (readsLikeQuotedProse takes 8 or
 * more characters). Single quotes too, as a vendor's error quotes a key (`Cohere API key '…' is invalid`, `invalid api_key
 * '…'`: red team 129); after `password` they are SQL's literal as well (`PASSWORD '…'`), sql-password's.
 */
const PROSE_QUOTED_MIN = 8;
/** A character of such a value: what ends a bare value elsewhere ends it, `;` too. */
const PROSE_CHAR = `[^\\s;'"<>,(){}[\\]\`|]`;
const PROSE_ANCHOR = ` (?:(?=${PROSE_CHAR}{0,64}[0-9!#$%&*+/=?@^~])${PROSE_CHAR}{${PROSE_MIN}}|[\`"'](?=${PROSE_CHAR}{0,64}[0-9!#$%&*+/=?@^~])${PROSE_CHAR}{${PROSE_QUOTED_MIN}})`;
const PROSE_VALUE = new RegExp(`${PROSE_CHAR}{${PROSE_MIN},256}`, 'y');
/**
 * Prose that writes words between a secret's name and what says its value follows (phraseValueAfter): `Password for the
 * kiosk account: …`, `Kennwort des Kiosk-Kontos: …`, `The client secret of the OAuth app is …`, `the loader's password,
 * for the record, is …`. The phrase begins with one of PHRASE_LEADS. Where it ends at a colon, the name's anchor reads
 * it (PHRASE_ANCHOR: after the name, a space, then a colon on its line within PHRASE_ANCHOR_REACH characters); where it
 * ends at a verb, the verb is a keyword of its own (VERB_ANCHOR). An anchor alternative for each lead word after every
 * name a space follows woke the detector at every `pass of the draw` (density 10 MB: +7 % instructions) and `key to the
 * table`.
 */
const PHRASE_REACH = 96;
/**
 * How far the name's anchor reads for the colon that ends a phrase (and not past a `;`): a description that names a key
 * and goes on (`Number of API keys issued to the account; the key values …`, 322 times in the density set's 10 MB) is
 * read this far at each of its keywords. Read after the generic name, it shares that name's steps. As an alternative of
 * its own (a word of letters read again, then 96 characters), it cost the density set's 600 MB +2.6 % (7.29–7.35 s
 * against 7.09–7.17 s, alternating); as it stands, the same as before (7.23–7.41 s against 7.21–7.39 s).
 */
const PHRASE_ANCHOR_REACH = 64;
/** The most words read between the name and the verb or colon. */
const PHRASE_WORDS = 12;
/** Words that begin such a phrase: prepositions and articles' contractions, a relative clause's or an aside's first word. */
const PHRASE_LEADS = new Set([
  'for', 'of', 'to', 'used', 'we', 'if', 'that', 'which', 'as', 'on', 'at', 'from', 'with',
  'f\u00fcr', 'des', 'der', 'den', 'vom', 'von', 'zum', 'zur', 'du', 'de', 'del', 'della', 'dello', 'di', 'pour', 'para', 'por',
  'do', 'da', 'dos', 'das', 'per', 'van', 'voor', 'bij', 'til', 'till', 'f\u00f6r', 'p\u00e5', 'dla', 'od', 'k', 'ke', 'pro', 'untuk', 'pentru',
]);
const PHRASE_ANCHOR = `[ \\t][^\\n\\r:;"<>{}]{1,${PHRASE_ANCHOR_REACH}}:[ \\t]`;
/**
 * The verbs of PHRASE_VERBS in ASCII, keywords of their own (with the space before them): where one is followed by a word
 * with a digit or a symbol in it (letters, then one: read as steps, no regex), the value is read whole for a secret's name
 * before it (phraseValueAfter). A name and a phrase alone (`one row per pass of the draw`) wake nothing, nor prose's
 * `is calculated`. No other alternative reads a keyword that begins with a space: each reads a name's character first.
 */
const VERB_KEYWORDS = [' is', ' ist', ' est', ' es', ' er', ' lautet', ' was', ' to', ' ->', ' =>'];
// (…or three words of small letters in quotes, a passphrase's: `… passphrase for the export is 'walrus tuxedo lantern fjord'`,
// red team 150; `now` may come between: `the password is now Xk9…`, review 153)
const VERB_ANCHOR = `[ \\t](?:${VERB_KEYWORDS.map((k) => k.trim()).join('|')})[ \\t]{1,4}(?:now[ \\t]{1,4})?(?:[\`"'*]{0,2}[A-Za-z\\u00c0-\\u024f_-]{0,63}[0-9!#$%&+/=?@^~]|["'][a-z]{3,12} [a-z]{3,12} [a-z]{3})`;
/** Somewhere in a value: a name's last letter and PROSE_ANCHOR (detect's early exit for values without `=` or `:`). */
const PROSE_HINT = new RegExp(`[A-Za-z\\u00c0-\\u024f]${PROSE_ANCHOR}`);

function looksLikeCodeOrWord(v: string): boolean {
  // Unquoted values in code are usually expressions: an identifier, a dotted call, a Jinja variable. Not 16 letters or
  // more in random case (`password=woSCiNKlREXncxoagFLGpaQw` in a libpq conninfo, red team 61): a generated password
  // that drew no digit, which no name is written like
  if (/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(v) && !/\d/.test(v)) return !isRandomLetters(v);
  // Letters alone, one past ASCII among them: a word of a language that writes accents (`Mot de passe : réinitialisé
  // chaque 90 jours`, `… : géré par le SSO`, red team 83), as an ASCII word is one above
  if (/^\p{L}{1,64}$/u.test(v) && /[^\x00-\x7f]/.test(v)) return true;
  // Lower-case words joined by hyphens read as prose ("secret: hashed-with-bcrypt"), not as a credential;
  // joined by `#`, as a page and its section ("see token=setup#tokens"); by `;` (a password a `;` cut,
  // read as typed), as a list of settings ("password=required;optional").
  if (/^[a-z]+(?:[-#;][a-z]+)+$/.test(v)) return true;
  // A setting of its own, a snake_case name and `=` ("password: min_length=12, max_age=90d"): a policy, not a password.
  if (/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+=/.test(v)) return true;
  // The next label, a word and its colon ("-- trino JWT: Authorization: Bearer eyJ…", red team 65): what follows it is the value.
  return /^[A-Za-z][A-Za-z-]{0,40}:$/.test(v);
}

/**
 * A declaration's type, short: identifiers joined by dots, a pointer's `*`, brackets (`Optional[str]`, `[]byte`,
 * `string[]`) and a union's `|`; the `=` after it takes spaces before it, which a base64 value's padding does not
 * (`secret: c2VjcmV0=`). Each part is bounded, and a bracket's text holds no `]`: one way to match, no backtracking.
 */
const TYPE_PART = '[*[\\]]{0,4}[A-Za-z_][\\w.]{0,63}(?:\\[[\\w., |[*]{0,64}\\]{1,3})?';
/** Go's type after a declared name, `token string =` (see isGoDeclared): the anchor's alternative. */
const GO_TYPED = `[ \\t]{1,4}${TYPE_PART}[ \\t]{1,4}=(?![=>~])`;
const TYPE_THEN_EQUALS = new RegExp(`[ \\t]{0,4}${TYPE_PART}(?:[ \\t]{0,2}\\|[ \\t]{0,2}${TYPE_PART}){0,3}[ \\t]{1,4}=(?![=>~])`, 'y');

/** Sixteen letters or more, no separator, whose case changes where no word's would (randomCase) and not made of words. */
function isRandomLetters(v: string): boolean {
  return v.length >= 16 && /^[A-Za-z]+$/.test(v) && randomCase(v) >= 5 && !isMostlyWords(v);
}

export const assignmentDetector: Detector = {
  id: 'password-assignment',
  title: 'Secret assigned to a secret-named key in text',
  keywords: [
    'pass', 'pwd', 'secret', 'token', 'key', 'credential', 'creds', 'dsn', 'sas', 'jwt', 'pw', 'pat', 'auth', 'access', 'appid',
    'kennwort', 'wachtwoord', 'senha', 'contrase', 'heslo', 'geslo', 'lozinka', 'salasana', 'adgangskode', 'wagwoord', 'sandi', 'senord', 'jelsz', 'slapta', 'ifre',
    // words past ASCII (SCRIPT_WORDS): the search finds them escaped or in UTF-8 (engine/keyword-forms.ts), never anchored
    ...SCRIPT_WORDS.filter((w) => !SCRIPT_STEMS.some((s) => s.replaces.includes(w.word))).map((w) => w.word),
    ...SCRIPT_STEMS.map((s) => s.stem),
    // Italian's `è` (and `È`: keyword-forms.ts searches the upper case too): a value that holds one is read whole for
    // a name before it (`la password è …`, `la password del database è …`: valueAfter). Read by the anchor, the words
    // before an `è` cost three more stepped reads after every keyword a space follows, in any prose.
    '\u00e8',
    // XML's end tag of an element that names a secret (`<password>…</password>`: elementValueAfter), keywords of their own
    // that the anchor takes as they stand (`</`): an anchor alternative for the `>` after a name cost a stepped read after
    // every keyword in any text (+0.9 % on the density bench), these are found in a text that holds one only.
    '</pass', '</pwd', '</secret', '</token', '</db_pass', '</api_key', '</apikey', '</client_secret', '</access_key', '</private_key',
    // another language's "API key" (`clé API`, `API-Schlüssel`: SECRET_WORD)
    'cl\u00e9', 'clave', 'chiave', 'chave', 'klucz', 'schl\u00fcssel', 'sleutel', 'nyckel',
    // a verb after a phrase after a name (`The password of the reporting user is …`: VERB_ANCHOR), read whole; Portuguese's
    // `é` and Swedish's `är` as words of their own, past ASCII, never anchored (`A senha do banco é …`)
    ...VERB_KEYWORDS, ' \u00e9 ', ' \u00e4r ',
    // the header of a failing unit test's diff table (`@@ ,user_id ,password`: diffTableAssignments), its names after a `,`
    // that the anchor reads after no other name (a column list's commas are in every model's SQL)
    '@@',
  ],
  // a keyword is part of a name (identifier characters, at most MAX_NAME; a Markdown cell's emphasis or code span, `**Password**`,
  // counts as the name's), then an optional quote, spaces and `=`, `:`, a Markdown table's `|` (markdown-tables.ts: a header
  // that ends its line, written without the outer pipe, is not anchored; the line end cost 1 % on the density bench),
  // Make's `?=`, code's `!=` (valueAfter reads it in an `if` only), PHP's ` .=` or ` is ` in one of several languages (COPULAS, valueAfter): `api_key_id` in a
  // list of columns, "keys" in a sentence are not. A name's letters may be accented (contraseña, Lösenord): see isNameChar.
  // The anchor reads English's and German's verbs only (`is`, `ist`): the others of COPULAS begin with `e` or `j`, as
  // the words after a keyword in English prose so often do (`token expires`, `key encrypted`), and each would cost a
  // stepped read there; a value the anchor passes for another reason (a name past ASCII: `contraseña`, `lösenord`;
  // an `=` or a `:` after another name) is read for them all.
  // After ` is `, a quote, eight characters of a bare value (readsLikeProseSecret takes no fewer) or more spaces: SQL's
  // `password_hash is not null` is no assignment, and its model's code is not read for one. Italian's ` è ` (after the
  // name or a few words) is found by its own keyword, never anchored. A phrase after a name up to a colon
  // (PHRASE_ANCHOR), or a verb after it (VERB_ANCHOR, the verb's own keyword). Every alternative that follows a keyword
  // reads one of a name's characters first: none of them reads a verb's keyword, which begins with a space. A unit test's
  // diff table is anchored at its header's `@@ ,`. Not at the `key` of dbt's `unique_key='id'` (the keyword `key` only: a name
  // that begins with `unique_` is a secret's at its other words, `unique_password`, review 164), in the config() call of every
  // incremental model's code: never a secret's name (NOT_SECRET_KEY_KINDS), and on the density bench its every value was read
  // for assignments (its names are the columns after it); nor at the `pass` of a package's pass-through columns
  // (`pass_through_fields=var('…')` in every model of Fivetran's ad-reporting packages), nor at the `key = '.'.join(args)`
  // of the ref() and source() dbt writes into every Python model's compiled code.
  anchor: new RegExp(
    `<\\/|@@[ \\t]{0,8},|${VERB_ANCHOR}|(?!(?<=unique_|UNIQUE_)(?:key|KEY)|[Pp]ass_?[Tt]hrough|key = '\\.'\\.join\\(args\\))[A-Za-z0-9_.*\`\\u00c0-\\u024f-]{1,${MAX_NAME}}\\\\?["']?(?:[ \\t\\u00a0\\u202f]{0,${MAX_SPACES}}(?:[=:|]|\\?=|!=)|[ \\t]{1,${MAX_SPACES}}(?:\\.=|ist?[ \\t](?:[N\\\\]?["'\`]|[^\\s;'"<>,(){}[\\]\`|]{8}|[ \\t]))|${PROSE_ANCHOR}|${PHRASE_ANCHOR}|${GO_TYPED})`,
    'y',
  ),
  detect: (value, context) => assignments(value, undefined, context?.parent === ROW_CELL),
  // compiled SQL wakes it at `unique_key='id'` in its config() call, and its names are the columns after it
  // (`secret_santa_flag`, `password_hash`, `token_count`): each read for an assignment cost a few per cent of a scan
  detectAt: (value, context, places) => assignments(value, places, context?.parent === ROW_CELL),
};

/**
 * The matches in `value`. With `places` (see Detector.detectAt): only the names that hold one are read,
 * the others' keywords meet no operator; an XML end tag's (`</password>`) is read from its element's start
 * tag, so with one of those the whole value is read.
 */
/**
 * An XML schema's text where a value was expected (gitleaks' own false positive under `telegram_api_token`, red team 73):
 * an element's start tag (`"<xsd:element name="…" …/>"`, which its inner quotes cut) or a type's prefixed name whose local
 * part is words in PascalCase (`clm78624:AgencyIdentificationCodeContentType`).
 */
const SCHEMA_MARKUP = /^(?:<[A-Za-z][\w.-]{0,32}(?::[A-Za-z][\w.-]{0,32})?(?:[ \t]|\/?>)|[A-Za-z][A-Za-z0-9]{0,15}:(?:[A-Z][a-z]{1,24}){3,12}$)/;

/** A name whose secret word is `pat` at its end: a personal access token's (`dremio_pat`, `DATABRICKS_PAT`), or a pattern's. */
const PAT_NAME = /(?:^|[^A-Za-z])pat["']?$/i;

/** A run without spaces or quotes, from a bare value's start: a one-way hash whole (isCutHash). */
const HASH_RUN = /[^\s'"`]{1,512}/y;

/**
 * A one-way hash in the PHC string format whose parameters a comma joins: argon2's (`$argon2id$v=19$m=65536,t=3,p=4$`),
 * passlib's scrypt (`$scrypt$ln=16,r=8,p=1$`), then its salt and its hash in base64; a stop or a comma may end a sentence after it.
 */
const PHC_HASH = /^\$[a-z0-9-]{1,32}\$(?:v=\d{1,3}\$)?[a-z]{1,3}=\d{1,9}(?:,[a-z]{1,3}=\d{1,9}){1,4}\$[A-Za-z0-9+/.]{8,128}\$[A-Za-z0-9+/]{16,256}[.,;:)]{0,2}$/;

/** Whether the bare value at `start`, cut at a comma, is a one-way hash with the rest of its run (PHC_HASH). */
function isCutHash(text: string, start: number): boolean {
  HASH_RUN.lastIndex = start;
  const run = HASH_RUN.exec(text);
  charge(run ? run[0].length : 1);
  return run !== null && PHC_HASH.test(run[0]);
}

/** A digest's hex: MD5's, SHA-1's, SHA-256's or SHA-512's length, in one case. */
const HEX_DIGEST = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128}|[0-9A-F]{32}|[0-9A-F]{40}|[0-9A-F]{64}|[0-9A-F]{128})$/;
const DIGEST_NAME = '(?:sha-?(?:1|224|256|384|512)(?:sum)?|md5(?:sum)?|hash|hashed|digest|checksum)';
/**
 * Right before a secret's name: a digest "of" it (`a salted sha256 of the token:`, `md5 of the api key:`); not a keyed
 * hash's (`HMAC-SHA256 of the body, secret: …` names the key it is keyed with, red team 139), nor a digest of something
 * else before it (`sha256 of each row … with api_key = …`, red team 145).
 */
const DIGEST_OF_BEFORE = new RegExp(`(?<![A-Za-z0-9_-])(?<!hmac[ \\t_]?)${DIGEST_NAME}[ \\t]{1,4}of[ \\t]{1,4}(?:(?:the|its|a|an|our|their|each)[ \\t]{1,4})?(?:[A-Za-z]{1,16}[ \\t]{1,4})?$`, 'i');
/**
 * Right after the value: what it is, a digest (`… is the sha256 we store`, `… (salted sha256)`, `… is stored as a hash`);
 * not a word made of one (`is a hash-based signing key`, `was the hash key`) nor a note in brackets that goes on
 * (`(sha1 format, classic PAT)`: red team 139).
 */
const DIGEST_AFTER = new RegExp(
  `^[ \\t]{0,4}(?:\\([ \\t]{0,4}(?:salted[ \\t]{1,4})?${DIGEST_NAME}[ \\t]{0,4}\\)|(?:is|was)[ \\t]{1,4}(?:stored[ \\t]{1,4}as[ \\t]{1,4})?(?:(?:the|a|an|its)[ \\t]{1,4})?(?:(?:salted|stored|hex)[ \\t]{1,4})?${DIGEST_NAME}(?![A-Za-z0-9_-])(?![ \\t]{1,4}(?:key|secret|token)))`,
  'i',
);
/** How far before a secret's name its clause is read for a digest's words (not to the line's start: a line of megabytes, red team 139). */
const DIGEST_REACH = 64;

/** Whether a value in a digest's hex, whose name starts at `s` and which ends at `end`, is said to be a digest in its clause. */
function isSaidDigest(text: string, s: number, end: number, typed: string): boolean {
  if (!HEX_DIGEST.test(typed)) return false;
  const before = text.slice(Math.max(0, s - DIGEST_REACH), s);
  // (from the clause's start: a sentence's, a clause's or the line's end before it)
  const clause = before.slice(Math.max(before.lastIndexOf('\n'), before.lastIndexOf('. '), before.lastIndexOf(';'), before.lastIndexOf(',')) + 1);
  if (DIGEST_OF_BEFORE.test(clause)) return true;
  // (past a closing backtick, as Markdown's inline code writes the value)
  const from = text.charCodeAt(end) === 96 ? end + 1 : end;
  return DIGEST_AFTER.test(text.slice(from, from + 64));
}

/**
 * After a value: a note that it is an example a policy refuses, the whole note (`(forbidden example)`, `(bad example)`,
 * `is not allowed.`); not a note that goes on (`(example for the prod user, rotate it)`, `is forbidden for user x`: red
 * team 148).
 */
const REFUSED_EXAMPLE_AFTER =
  /^[`'"*]{0,2}[ \t]{0,4}(?:\((?:(?:bad|forbidden|banned|weak|rejected|refused|invalid|disallowed)[ \t]{1,4})?examples?\)|\((?:forbidden|banned|not[ \t]allowed|rejected|refused|too[ \t]weak)\)|(?:is|are|would[ \t]be|will[ \t]be)[ \t]{1,4}(?:not[ \t]allowed|forbidden|banned|rejected|refused|too[ \t]weak)[ \t]{0,4}(?:[.,;]|$))/i;

/** HTML's end of bold or italics, then a space (after a label's colon). */
const HTML_EMPHASIS_END = /<\/(?:b|strong|em|i)>(?=[ \t])/iy;

/**
 * Code that reads a value: dotted names without digits, one of them a snake_case name or a secret's word
 * (`settings.DB_PASSWORD`, `credentials.password`; not a passphrase's words, `correct.horse.battery.staple`: red team
 * 145), a call given quoted strings or names, a subscript by a quoted key.
 */
const CODE_REFERENCE =
  /^(?:(?=[A-Za-z_.]{3,256}$)(?=[A-Za-z.]{0,255}_|(?:[A-Za-z_]{1,64}\.){1,8}(?:password|passwd|pwd|secret|token|key|credentials?|result|value)(?:\.|$))[A-Za-z_]{1,64}(?:\.[A-Za-z_]{1,64}){1,8}|[A-Za-z_][\w.]{2,63}\([ \t]{0,4}(?:["'][^"'()]{0,128}["']|[A-Za-z_][\w.]{0,63})?(?:[ \t]{0,4},[ \t]{0,4}(?:["'][^"'()]{0,128}["']|[A-Za-z_][\w.]{0,63})){0,4}[ \t]{0,4}\)|[A-Za-z_][\w.]{0,63}\[["'][\w.-]{1,64}["']\])$/i;

/** T-SQL's HASHED after a password's value: the value is its hash. */
const HASHED_AFTER = /^\s{1,16}hashed(?![A-Za-z0-9_])/i;

/**
 * How many names inside one bare value are read for values of their own (`secret=password=Hunter2!!`: the inner one's
 * is the password when the outer one's is not one). Each reads on to the same end, up to 2,048 characters: a value
 * made of names (`pw=pw=pw=…`, 1 MB of it) read them all, 680 reads of each character (9.8 s a MB).
 */
const REREADS = 4;

function assignments(value: string, places: readonly number[] | undefined, inRow = false): DetectorMatch[] {
  // (an XML end tag's place, `</`, or a verb's, ` is`: the name is before it, anywhere)
  if (places?.some((p) => value.charCodeAt(p) === 60 || value.charCodeAt(p) === 32)) places = undefined;
  const out: DetectorMatch[] = [];
  // (a value with no character past Latin-1 holds none of them: one native search)
  if (PAST_LATIN1.test(value)) scriptAssignments(value, out);
  // a Markdown table's column under a secret's name, or a table of settings' row (markdown-tables.ts)
  if (value.indexOf('|') >= 0) tableAssignments(value, out);
  // a failing unit test's diff table, its header `@@ ,…` (csv-rows.ts)
  if (value.indexOf('@@') >= 0) diffTableAssignments(value, out);
  // every assignment has an `=`, a `:`, an Italian `è` or an "is" (COPULAS, valueAfter): a column name or a sentence without one
  // (most values that hold the word key, pass or token) is settled by two native searches
  // (or, in prose, a word, a space and a run that may be a value: PROSE_HINT, one native search; or XML's end tag; or a
  // verb of a phrase and a run that may be a value: PHRASE_HINT)
  if (value.indexOf('=') < 0 && value.indexOf(':') < 0 && value.indexOf('\u00e8') < 0 && value.indexOf('\u00c8') < 0 && value.indexOf('</') < 0 && !COPULA_HINT.test(value) && !PROSE_HINT.test(value) && !PHRASE_HINT.test(value)) return out;
  // Linear: hits come in order, an identifier is scanned once (the search resumes past it), and
  // the closing quotes are found by two searches that only move forward.
  const closers = { "'": new ForwardSearch(value, "'\n"), '"': new ForwardSearch(value, '"\n'), '`': new ForwardSearch(value, '`\n'), '{': new ForwardSearch(value, '}\n') };
  const brackets = new OpenBrackets(value);
  // (a quoted name is a params dict's key only where `params` is written: one native search, not a look back from each
  // name for its `{`, which a JSON log's block asked of its every key, 8 % of its time)
  const paramsWritten = value.includes('params');
  let lastIdentEnd = -1;
  // the end of the last bare value read, and how many names inside it were read since (see REREADS)
  let valueEnd = -1;
  let rereads = 0;
  // Each search starts past the last identifier (or value) looked at: no hit is looked at twice.
  // (with places: from the start of the name that holds the next one, and none after the last)
  let next = 0;
  const from = (i: number): number => {
    if (!places) return i;
    while (next < places.length && places[next]! < i) next++;
    if (next === places.length) return value.length;
    let s = places[next]!;
    while (s > i && isIdentChar(value.charCodeAt(s - 1))) s--;
    return s;
  };
  for (let m = searchFrom(SECRET_WORD, value, from(0)); m; m = searchFrom(SECRET_WORD, value, from(Math.max(m.index + m[0].length, lastIdentEnd)))) {
    const at = m.index;
    // Back to the identifier's start, never behind text already passed.
    let s = at;
    while (s > 0 && s > lastIdentEnd && isIdentChar(value.charCodeAt(s - 1))) s--;
    // (an escaped line break or tab before it, `…\nloader_password: …`, is none of the name)
    if (s > 0 && value.charCodeAt(s - 1) === 92 && s < at && ESCAPE_LETTERS.has(value[s]!) && backslashesBefore(value, s, 0) % 2 === 1) s++;
    let e = at + m[0].length;
    while (e < value.length && isIdentChar(value.charCodeAt(e))) e++;
    charge(e - s);
    lastIdentEnd = e;
    if (e - s > MAX_NAME) continue;
    // another language's "API key" (SECRET_WORD): a name only with `API`, before the word as one identifier, or after
    // the word standing alone (not `enclave API`)
    let apiKey = false;
    if (KEY_AFTER_API.test(m[0])) {
      if (!API_HYPHENATED.test(value.slice(s, e))) continue;
      apiKey = true;
    } else if (KEY_BEFORE_API.test(m[0])) {
      const end = e - s === m[0].length ? apiAfter(value, e) : -1;
      if (end < 0) continue;
      lastIdentEnd = e = end;
      apiKey = true;
    }
    const name = apiKey ? value.slice(s, e) : nameAt(value, s, e);
    if (isAttributeOfSecret(value, e - name.length) || isNegatedName(value, e - name.length)) continue;
    // a browser snippet's public parameter (red team 116): Google Tag Manager's environment `&gtm_auth=…`, Segment's
    // `analytics._writeKey="…"` (the key its `analytics.load("…")` sends from every visitor's page)
    if (PUBLIC_SNIPPET_NAMES.has(name)) continue;
    // `-- permit-class sell token: word1 …`: a swap's coin in a comment (red team 87), unless the value is a token's shape
    // (red team 88: `-- buy token: <32 random>`). Only a swap's: a comment's `remote cache token: …` is Turborepo's
    // credential (red team 88), though a phrase's `cache token` is a position
    const swapCoin = TOKEN_END.test(name) && SWAP_TOKEN.test(value.slice(wordsBefore(value, s), e));
    if (isDocSearchKey(value, s, name)) continue;
    // `Stored in 1Password: 'Snowflake prod / dbt_svc'`: the password manager's name, and the item it keeps
    if (name.length >= 9 && (name.charCodeAt(0) === 49 || name.charCodeAt(1) === 49) && PASSWORD_MANAGER.test(name)) continue;
    const pw = isBarePw(value, name, e);
    const profilePass = isProfilePass(value, s, name);
    // `user \`bi_reader\`, pass \`…\``: read as a password's name, its value in a password's shape (see isProsePass)
    const prosePass = isProsePass(value, s, name);
    const readAs = prosePass ? PROSE_PASS_NAME : name;
    // a Vault AppRole's login, `role_id=… secret_id=…`, `{"role_id": …, "secret_id": …}`, or its secret_id under a Vault
    // name: a secret in a secret id's shape (readsLikeSecretId)
    const secretId = namesSecretId(name);
    const approle = secretId === 'vault' || (secretId === 'bare' && roleIdBeside(value, s, e));
    const unnamed = !apiKey && !approle && !isSecretKeyName(name) && !profilePass && !prosePass && !pw && !namesSecretInAnyCase(value, s, name);
    // `password_smtp: …` in a config's text (a YAML block in a description, an INI line): a password for that system, in a
    // generated password's shape only, as under the same key in an artifact (see isSystemPasswordKey; red team 107)
    const systemPass = unnamed && isSystemPasswordKey(name);
    const bare = unnamed && !systemPass;
    // (in a page's HTML a query's `&` is written `&amp;`, `&#38;` or `&#x26;`: red team 102, where `password=…&#38;` was
    // read to its `;`, as a value elsewhere is)
    // (a URL's fragment too, where OAuth's implicit flow returns the token: `…/callback#access_token=…&token_type=bearer`)
    const inQuery = s > 0 && (value[s - 1] === '?' || value[s - 1] === '&' || (value[s - 1] === ';' && ESCAPED_AMPERSAND_BEFORE.test(value.slice(Math.max(0, s - ESCAPED_AMPERSAND_REACH), s))) || isUrlFragment(value, s) || (paramsWritten && inParamsDict(value, s)));
    // `api_keys: [old, new]`, `"tokens": ["…", "…"]` in --vars text: each element in a token's shape
    if (bare && namesSecretList(name)) {
      const end = listAfter(value, e, name, out);
      if (end > e) lastIdentEnd = end;
      continue;
    }
    // `?key=…`, `&appid=…`, `?user_key=…`: the API key of a URL (QUERY_KEYS), when its value reads as a token; so is a
    // command's `--key …` (`sync.py --key …` in a runbook, red team 62), a flag of many meanings (an S3 object's key)
    // `?adzuna_key=…`, `CENSUS_KEY = "…"`: a key of a service no list knows, in a token's shape (see readsLikeLooseKey)
    const looseKey = bare && !namesBareCredential(name) && !(inQuery && isQueryKey(name) && !onGoogleHost(value, s)) && !isKeyFlag(name);
    if (looseKey && !isLooseKeyName(name)) continue;
    if (s < valueEnd && ++rereads > REREADS) continue;
    // (a vendor's bare `key` in a nested mapping, `{sendgrid: {key: …}}`: in a vendor key's shape, as the parsed nesting is read)
    const nested = name.includes('{');
    const found: Assigned | undefined = valueAfter(value, e, inQuery ? UNQUOTED_IN_QUERY : UNQUOTED_ELSEWHERE, closers, brackets, lineStartOf(value, e - name.length), name, isGoDeclared(value, s)) ?? yamlBlockValueAfter(value, s, e) ?? (nested ? undefined : bare ? (isKeyFlag(name) ? proseValueAfter(value, s, e, KEY_FLAG_NAME) : phraseValueAfter(value, s, e, name)) : (elementValueAfter(value, s, e) ?? proseValueAfter(value, s, e, readAs) ?? phraseValueAfter(value, s, e, readAs)));
    if (!found) continue;
    if (!found.quoted && found.end > valueEnd && s >= valueEnd) {
      valueEnd = found.end;
      rereads = 0;
    }
    // (an ODBC value with a doubled brace is the password undoubled: see DetectorMatch.secret)
    const secret = found.secret ?? value.slice(found.start, found.end);
    // what the checks below read: the password as typed where a `;` cut it (the span stays the driver's part)
    const typed = found.quoted || found.secret !== undefined ? secret : typedPassword(value, name, found.start, found.end, inQuery);
    // names that hold a secret only in a token's shape: a bare or nested one's; a swap's coin's (`sell token: word1`); a
    // personal access token's (`dremio_pat`), where a date's format, a glob, a zone or a path under `date_pat`,
    // `glob_pat`, `tz_pat` is a pattern's (red team 88: 34 such values, after `pat` was read in code)
    const tokenShapeOnly = bare || nested || swapCoin || PAT_NAME.test(name);
    if (!isRealSecretValue(typed, name) || PERCENT_ENCODED_URL.test(typed) || (tokenShapeOnly && !readsLikeAuthToken(typed))) continue;
    if (SCHEMA_MARKUP.test(typed)) continue;
    // `` **Password:** `settings.DB_PASSWORD` ``, `` `random_password.dbt_ci.result` ``, `` `Secret.load("db")` ``: code in
    // Markdown's backticks that reads the secret, not the secret (red team 144)
    if (found.quoted && value.charCodeAt(found.start - 1) === 96 && CODE_REFERENCE.test(typed)) continue;
    if (systemPass && !readsLikeSystemPassword(typed)) continue;
    if (approle && !readsLikeSecretId(typed)) continue;
    // `Hashed password $argon2id$v=19$m=65536,t=3,p=4$…$…`: a bare value cut at a comma that a one-way hash's parameters
    // hold (argon2's, scrypt's PHC string): a hash, which isRealSecretValue refuses whole (red team 76)
    if (!found.quoted && value.charCodeAt(found.end) === 44 && typed.charCodeAt(0) === 36 && isCutHash(value, found.start)) continue;
    if (bare && isKeyFlag(name) && !readsLikeKeyFlagValue(typed)) continue;
    // (in a URL's query, quoted, or set to an environment variable's name: `Polygon key: …` and `coherenceScoreKey: …` in
    // a note name a key of something else as often)
    if (looseKey && (!IDENTIFIER.test(name) || !readsLikeLooseKey(typed, name) || !(inQuery || found.quoted || isEnvName(name)))) continue;
    // in a fixture row's cell, what a row's column would hold (a checkout's recovery link, `…/recover?key=<32 hex>`, in
    // dbt_shopify's seeds: red team 66): a secret by the rows' measure (isSecretCell)
    if (inRow && !isSecretCell(typed, name)) continue;
    // `where password = 'test123'`: a textbook password compared in a SQL condition, a data check's look for weak ones (red
    // team 122); a generated one so compared is still the secret the query holds
    if (found.quoted && isTextbookPassword(typed) && namesPassword(name) && SQL_CONDITION_BEFORE.test(value.slice(Math.max(0, s - 24), s))) continue;
    // `creds: user=legacy_ftp pass=…` (red team 58), dbt.log's `with credentials: host=… user=… password=*****` (red team 60): the
    // value is a user's name or a connection's setting assigned in its turn; the password's own name comes after
    if (assignsSetting(typed) || (!found.quoted && ODBC_DRIVER_SETTING.test(typed))) continue;
    // a date and a time: `token = scheduled__2024-11-03T04:00:00+00:00` is an Airflow run's id (red team 52)
    if (TIMESTAMP_IN_VALUE.test(typed)) continue;
    // T-SQL's `CREATE LOGIN etl WITH PASSWORD = 0x0200… HASHED`: the stored hash, given as such (red team 53)
    if (HASHED_AFTER.test(value.slice(found.end, found.end + 24))) continue;
    // `a salted sha256 of the token: <64 hex>`, `token: <hex> is the sha256 we store`: a digest the sentence says it is
    // (red teams 137, 138)
    if (isSaidDigest(value, s, found.end + (found.quoted ? 1 : 0), typed)) continue;
    // `**Password:** \`Summer2024!\` (forbidden example)`, `password: Summer2024! is not allowed`: a policy's example of a
    // password it refuses (red team 144)
    // (a textbook password only, as policies write their examples: a generated one so noted is still one, red team 148)
    if (isTextbookPassword(typed) && REFUSED_EXAMPLE_AFTER.test(value.slice(found.end, found.end + 64))) continue;
    if ((found.prose || pw) && !readsLikeProseSecret(typed) && !readsLikeNamedPassphrase(typed, name)) continue;
    if (found.ownLine && !readsLikeOwnLineSecret(typed, name)) continue;
    if ((found.spaced || prosePass) && !readsLikeFlagPassword(typed, name) && !(found.quoted || found.used ? readsLikeQuotedProse(typed, namesPassword(readAs)) : readsLikeRandomProse(typed, name))) continue;
    // mid-sentence, a token's shape and no date in it: `run token = run_2024_11_03T04_00_00_manual_backfill` is an Airflow run's id (red team 52);
    // under a secret's own name, a generated password too (readsLikeGeneratedPassword)
    if (found.midLine && (!(readsLikeAuthToken(typed) || (!bare && readsLikeGeneratedPassword(typed))) || DATE_IN_VALUE.test(typed))) continue;
    // libpq's `host=… dbname=… password=semi;colon…`: pairs split at spaces, a `;` is the password's (red team 66: only
    // `semi` was reported, and redact left the rest)
    const whole = !found.quoted && typed !== secret && inLibpqPairs(value, found.start, name);
    if (!whole && typed !== secret && isPlaceholder(secret)) continue; // `Pwd=xxx;yyy`: the driver's part is a placeholder
    if (found.quoted && isConcatenated(value.slice(found.end + 1, found.end + 13))) continue;
    // `dsn=postgresql://u:${PW}@h`: a bare value cut where a template opens is that template
    // (not over the line's end: `password: Summer-Tundra-2016+` and a code fence's closing backticks on the next line are no
    // concatenation, red team 127)
    if (!found.quoted && isPlaceholder(value.slice(found.start, found.end + (value.charCodeAt(found.end) === 10 || value.charCodeAt(found.end) === 13 ? 0 : 2)))) continue;
    // `dsn=etl/<password>@//db:1521/SVC`: a DSN's user, cut where the placeholder of its password opens (red team 103)
    if (!found.quoted && namesConnection(name) && isUserBeforePlaceholder(value, found.end)) continue;
    // …and a password that opens with a `<` (`dsn=etl/<54mqf%sw0jEyK@db…`): the password from there to its `@`, not the user
    // before it (red team 105: `redact` replaced the user and left the password)
    const bracketedEnd = !found.quoted && namesConnection(name) ? bracketedPasswordEnd(value, found.end) : -1;
    if (bracketedEnd >= 0) {
      if (isRealSecretValue(value.slice(found.end, bracketedEnd), name)) out.push({ detectorId: 'password-assignment', start: found.end, end: bracketedEnd, description: `password in "${name}"` });
      lastIdentEnd = bracketedEnd;
      continue;
    }
    if (!found.quoted && looksLikeCodeOrWord(typed) && !isConnectionStringWord(value, s, found.end, name, typed)) continue;
    // libpq's `password==k8k…` (valueAfter): among its pairs, beside its user and server, as a word is
    if (value.charCodeAt(found.start) === 61 && value.charCodeAt(found.start - 1) === 61 && !isConninfoPassword(value, s, found.end, typed)) continue;
    // `PASSWORD=&#42;&#42;&#42;&#42;`, `token=&lt;your-token&gt;` in a description's HTML: the characters the references stand for
    if (!found.quoted && value.charCodeAt(found.start) === 38 && isEncodedPlaceholder(value, found.start)) continue;
    const end = whole ? found.start + typed.length : found.end;
    out.push({ detectorId: 'password-assignment', start: found.start, end, ...(found.secret === undefined || whole ? {} : { secret }), description: `value assigned to "${name}"` });
    lastIdentEnd = end;
  }
  return out.length > 1 ? out.sort((a, b) => a.start - b.start) : out;
}

/** A browser snippet's public parameters, as nameAt reads their names: GTM's `gtm_auth`, Segment's `analytics._writeKey`. */
const PUBLIC_SNIPPET_NAMES: ReadonlySet<string> = new Set(['gtm_auth', 'analytics._writeKey']);

/** How far back on its line from a name compared by `!=` the statement that compares it is looked for. */
const CONDITION_REACH = 160;
/**
 * A code statement's condition up to the end of the text: `if`, `elif`, `assert`, `while`, then no quote (the comparison is
 * the statement's own, not in a string of SQL it runs). Not SQL's `IF(` function, whose `!=` is a filter's.
 */
const CODE_CONDITION = /(?<![\w$.])(?:if|elif|assert|while)[ \t][^'"\n]{0,160}$/;

/**
 * Whether a name that `!=` follows at `s` is in a code statement's condition (CODE_CONDITION, on its line): Python's `if
 * password != '…':`, a traceback's `assert api_secret != '…'`. SQL's `where token != '…'` is a filter's (red team 104).
 */
function isCodeCondition(text: string, s: number): boolean {
  const from = Math.max(0, s - CONDITION_REACH);
  const line = text.lastIndexOf('\n', s - 1) + 1;
  charge(s - from);
  return CODE_CONDITION.test(text.slice(Math.max(from, line), s));
}

/** The longest placeholder read in angle brackets after a DSN's user (`<redacted>`, `<your-password>`). */
const MAX_BRACKETED = 64;

/** The longest password read after a DSN's user when it opens with a `<` (bracketedPasswordEnd). */
const MAX_DSN_PASSWORD = 256;

/**
 * Whether a bare value that ends at `end` is a user and its separator (`etl/`, `etl:`) before a placeholder in angle
 * brackets, or a template's (`etl/{{ env_var('ORA_PW') }}@…`, `etl/${PW}@…`: red team 105).
 */
function isUserBeforePlaceholder(text: string, end: number): boolean {
  if (!endsWithUserSeparator(text, end)) return false;
  if ((text[end] === '{' || text[end] === '$') && text[end + 1] === '{') return true;
  if (text.charCodeAt(end) !== 60) return false;
  const close = text.indexOf('>', end);
  return close > end && close - end <= MAX_BRACKETED && isPlaceholder(text.slice(end, close + 1));
}

/** Whether a bare value that ends at `end` ends with a DSN's separator after its user (`etl/`, `etl:`). */
function endsWithUserSeparator(text: string, end: number): boolean {
  const separator = text.charCodeAt(end - 1);
  return separator === 47 || separator === 58;
}

/**
 * Where a DSN's password ends (its `@`) when a bare value that ends at `end` is its user and separator (`etl/`, `etl:`) cut
 * where the password opens with a `<`, a character a bare value stops at; -1 when it is not.
 */
function bracketedPasswordEnd(text: string, end: number): number {
  if (!endsWithUserSeparator(text, end) || text.charCodeAt(end) !== 60) return -1;
  const limit = Math.min(text.length, end + MAX_DSN_PASSWORD);
  let at = end + 1;
  while (at < limit && text.charCodeAt(at) !== 64 && !/\s/.test(text[at]!)) at++;
  charge(at - end);
  return text.charCodeAt(at) === 64 ? at : -1;
}

/**
 * A Markdown table's cells under a secret's name (markdown-tables.ts), each judged as that name's bare
 * value is (`password: Spring-Loader-2025`), in a password's shape (readsLikePassword: eight characters of two
 * kinds, no space): a cell with spaces is prose (`stored in Vault`), a short one a prefix (`xoxb-`) or a word.
 * A code span or emphasis around a value is markup (`` `Spring-Loader-2025` ``).
 */
function tableAssignments(value: string, out: DetectorMatch[]): void {
  for (const cell of markdownSecretCells(value, isTableSecretName)) {
    let { start, end } = cell;
    while (end - start > 2 && value[start] === value[end - 1] && (value[start] === '`' || value[start] === '*')) {
      start++;
      end--;
    }
    tableCell(value, start, end, cell.name, out);
  }
}

/** A failing unit test's diff table's cells under a secret's name (csv-rows.ts), judged as a Markdown table's are. */
function diffTableAssignments(value: string, out: DetectorMatch[]): void {
  for (const cell of diffTableSecretCells(value, isTableSecretName)) tableCell(value, cell.start, cell.end, cell.column, out);
}

/** A table's cell under `name`, from `start` to `end`: a secret when it reads as that name's value would. */
function tableCell(value: string, start: number, end: number, name: string, out: DetectorMatch[]): void {
  const typed = value.slice(start, end);
  if (!readsLikePassword(typed) || TABLE_NOT_SECRET.test(typed) || !isRealSecretValue(typed, name) || looksLikeCodeOrWord(typed) || isPlaceholder(typed) || PERCENT_ENCODED_URL.test(typed)) return;
  if (typed.charCodeAt(0) === 38 && isEncodedPlaceholder(value, start)) return;
  out.push({ detectorId: 'password-assignment', start, end, description: `value in a table under "${name}"` });
}

/** What a table's cell holds as often as a value: a date or a time (`2025-03-04T10:00:00Z`: when it was rotated), a SQL type (`VARCHAR(16777216)`). */
const TABLE_NOT_SECRET = /^(?:\d{4}-\d{2}-\d{2}(?:[T ][\d:.]{1,20}(?:Z|[+-]\d{2}:?\d{2})?)?|[A-Za-z][A-Za-z0-9_ ]{0,30}\(\d{1,10}(?:, ?\d{1,10})?\))$/;

/** A table's header or a settings row's name that names a secret: as a key would (`Password`, `API Key`, `Passwort`). */
function isTableSecretName(name: string): boolean {
  return name.length <= MAX_NAME && (isSecretKeyName(name) || isForeignPasswordName(name));
}

const PAST_LATIN1 = /[\u0100-\uffff]/;
/** A value that assigns in its turn (`user=etl`, `login: etl`): the name it assigns to. */
const NAME_ASSIGNED = /^([A-Za-z_]{1,16})\s{0,2}[=:]/;
/**
 * The settings of a connection that a list of them starts with (`host=…`, `account: …`), none of them a secret; OLE DB's
 * connection string starts with its provider (`Provider=SQLOLEDB;Data Source=…`, red team 91).
 */
const CONNECTION_SETTING_NAMES = new Set(['host', 'hostname', 'server', 'port', 'account', 'warehouse', 'role', 'database', 'db', 'dbname', 'schema', 'region', 'project', 'dataset', 'catalog', 'cluster', 'endpoint', 'method', 'type', 'provider']);
/**
 * ODBC's driver, the setting its connection strings begin with (`Driver={ODBC Driver 18 for SQL Server};…`): a bare value
 * that begins so is the string's first pair (`DSN: Driver={Amazon Redshift (x64)}; …; PWD=*****`, red team 100); a quoted
 * one is the whole string, a secret when it holds a password.
 */
const ODBC_DRIVER_SETTING = /^driver=/i;

/** Whether a value assigns in its turn to a user's name or a connection's setting: the next pair, not the secret (`user=etl`, `Server=tcp:…`). */
function assignsSetting(value: string): boolean {
  const assigned = NAME_ASSIGNED.exec(value);
  return assigned !== null && (isUserKey(assigned[1]!) || CONNECTION_SETTING_NAMES.has(assigned[1]!.toLowerCase()));
}
/** 1Password, the password manager, as a name (`1Password:`, `"1password"`). */
const PASSWORD_MANAGER = /^["']?1password$/i;
const SCRIPT_NAME = new Map(SCRIPT_WORDS.map(({ word, name }) => [word.toLowerCase(), name]));
/**
 * The words, the inflected ones (SCRIPT_STEMS) first, then the others longest first (case folded as the search without the
 * `u` flag does: Cyrillic, Greek, ł and Vietnamese letters too).
 */
const SCRIPT_WORD = new RegExp(
  [...SCRIPT_STEMS.map((s) => s.pattern), ...[...SCRIPT_NAME.keys()].sort((a, b) => b.length - a.length)].join('|'),
  'gi',
);
/**
 * Where a script writes words apart (Latin, Greek, Cyrillic, Hebrew, Arabic, Devanagari), a word
 * begins after no letter or mark of those (`пароль`, not the end of `непароль`); Chinese, Japanese,
 * Korean and Thai glue words (数据库密码, "the database's password"), so there a word may begin anywhere.
 */
function beginsWord(text: string, at: number): boolean {
  const first = text.charCodeAt(at);
  if (!isSpacedScript(first)) return true;
  return at === 0 || !isSpacedScript(text.charCodeAt(at - 1));
}

/** A letter or mark of a script that writes words apart: ASCII letters, Latin with accents, Greek, Cyrillic, Hebrew, Arabic, Devanagari. */
function isSpacedScript(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x300 && c <= 0x52f) || (c >= 0x590 && c <= 0x6ff) || (c >= 0x900 && c <= 0x97f) || (c >= 0x1e00 && c <= 0x1eff);
}
/** Spaces between a name and what says it has a value: ASCII's, the no-break ones (U+00A0, U+202F) and the ideographic space. */
const SCRIPT_SPACES = /[ \t\u00a0\u202f\u3000]{0,64}/y;
/**
 * What says the name has a value: `:` or `=` (or the full-width `：`, `＝`: red team 80), `:=`, `=>`, a dash with spaces
 * (Russian `пароль — …`), or "is" as the language writes it: Japanese は, Korean 는 and 은 (glued to
 * the word), Chinese 是, 为, 為, Vietnamese là (a word apart).
 */
const SCRIPT_OPERATOR = /(?:=>|:=|:(?!:)|=(?!=)|[\uff1a\uff1d]|[\u2013\u2014](?=[ \u00a0])|[\u306f\ub294\uc740\u662f\u4e3a\u70ba](?![^\x00-\x7f])|l\u00e0(?=[ \u00a0]))/y;
/** A bare value: printable ASCII but for what ends one in prose or a driver's string (see UNQUOTED_ELSEWHERE); a character past ASCII ends it (`パスワードはZx9です`). */
const SCRIPT_BARE = /[!#-&*+\--:=?-Z\\^-_a-z~]{1,256}/y;
/** Quotes and their closers: ASCII's, the corner brackets, the curly quotes and the guillemets. */
const SCRIPT_QUOTES: Readonly<Record<string, string>> = { '"': '"', "'": "'", '`': '`', '\u300c': '\u300d', '\u300e': '\u300f', '\u201c': '\u201d', '\u2018': '\u2019', '\u00ab': '\u00bb' };

/**
 * `пароль: …`, `密码：…`, `パスワードは …`, `비밀번호: …`, `mật khẩu là …`, `hasło = …`, `{"пароль": "…"}`:
 * a value after one of SCRIPT_WORDS, judged as an English name's is (a placeholder, a mask, a word
 * of prose, a reference are none). Prose that goes on after the word (`пароль должен содержать 8
 * символов`, `重置密码的链接`) has no operator after it.
 */
function scriptAssignments(text: string, out: DetectorMatch[]): void {
  const brackets = new OpenBrackets(text);
  for (let m = searchFrom(SCRIPT_WORD, text, 0); m; m = searchFrom(SCRIPT_WORD, text, m.index + m[0].length)) {
    if (!beginsWord(text, m.index)) continue;
    const listed = SCRIPT_NAME.get(m[0].toLowerCase());
    const name = listed ?? 'password';
    const found = scriptValueAfter(text, m.index + m[0].length, brackets);
    if (!found) continue;
    const secret = text.slice(found.start, found.end);
    // `パスワード: 1Passwordを参照` ("see 1Password"): the password manager, not a password
    if (!isRealSecretValue(secret, name) || PASSWORD_MANAGER.test(secret)) continue;
    // `APIトークン: Server=tcp:…;…;Password=…`, `… Driver={…};…` (red team 89): a connection string's first setting after the
    // label, not the token (its own password is found by its name)
    if (!found.quoted && (assignsSetting(secret) || ODBC_DRIVER_SETTING.test(secret))) continue;
    // an inflected form (SCRIPT_STEMS) is as often another noun's object (`сброс пароля: <link>`, "password reset"):
    // only the forms that name the value, and that value in a secret's shape, as after English "is"
    if (listed === undefined && (!namesValue(m[0].toLowerCase(), wordBefore(text, m.index)) || !readsLikeProseSecret(secret) || secret.includes('://'))) continue;
    if (found.quoted && isConcatenated(text.slice(found.end + 1, found.end + 13))) continue;
    if (!found.quoted && (isPlaceholder(text.slice(found.start, found.end + 2)) || looksLikeCodeOrWord(secret))) continue;
    if (!found.quoted && text.charCodeAt(found.start) === 38 && isEncodedPlaceholder(text, found.start)) continue;
    out.push({ detectorId: 'password-assignment', start: found.start, end: found.end, description: `value assigned to "${m[0]}"` });
  }
}

/** The word (lower case, at most 16 letters) before the space before `at`; '' when there is none. */
function wordBefore(text: string, at: number): string {
  if (at < 2 || text.charCodeAt(at - 1) !== 32) return '';
  let k = at - 1;
  while (k > 0 && at - 1 - k < 16 && isSpacedScript(text.charCodeAt(k - 1))) k--;
  charge(at - k);
  return text.slice(k, at - 1).toLowerCase();
}

/** The value after a word of SCRIPT_WORDS that ends at `i`: its closing quote (a JSON key's, escaped too), spaces, an operator, spaces, a value. */
function scriptValueAfter(text: string, i: number, brackets: OpenBrackets): { start: number; end: number; quoted: boolean } | undefined {
  if (text[i] === '\\' && text[i + 1] === '"') i += 2;
  else if (text[i] === '"' || text[i] === "'") i++;
  const op = skipScriptSpaces(text, i);
  SCRIPT_OPERATOR.lastIndex = op;
  const operator = SCRIPT_OPERATOR.exec(text);
  if (!operator) return undefined;
  const v = skipScriptSpaces(text, op + operator[0].length);
  // JSON in a JSON string, decoded once: `{\"пароль\": \"…\"}`
  const escaped = text[v] === '\\' && text[v + 1] === '"';
  const close = escaped ? '\\"' : SCRIPT_QUOTES[text[v]!];
  if (close !== undefined) {
    const from = v + (escaped ? 2 : 1);
    const end = text.indexOf(close, from);
    charge(end < 0 ? text.length - from : end - from);
    if (end < 0 || end === from || tooLongQuoted(text, from, end)) return undefined;
    const inner = text.slice(from, end);
    if (inner.includes('\n') || /^\s|\s$/.test(inner)) return undefined;
    return { start: from, end, quoted: true };
  }
  SCRIPT_BARE.lastIndex = v;
  const read = SCRIPT_BARE.exec(text);
  charge(read ? read[0].length : 1);
  if (!read) return undefined;
  const bare = text.slice(v, throughBrackets(text, brackets, i, v, v + read[0].length, SCRIPT_BARE));
  // `пароль = p.пароль` in SQL, `пароль = @пароль`: a column or a variable, no literal
  if (operator[0] === '=' && (op !== i || v !== op + 1) && CODE_OPERAND.test(bare)) return undefined;
  return { start: v, end: v + bare.length, quoted: false };
}

function skipScriptSpaces(text: string, i: number): number {
  SCRIPT_SPACES.lastIndex = i;
  SCRIPT_SPACES.test(text);
  charge(SCRIPT_SPACES.lastIndex - i);
  return SCRIPT_SPACES.lastIndex;
}

/** HTML's character references, as Markdown and HTML in a description write them: `&#42;`, `&#x2A;`, `&ast;`, `&lt;`. */
const CHARACTER_REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));/y;
const NAMED_REFERENCES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", ast: '*', bull: '•', hellip: '…', midast: '*' };
/** A value's characters (up to a space or a quote, at most MAX_QUOTED) as HTML shows them. */
const HTML_RUN = /[^\s'"`]{1,256}/y;

/**
 * Whether the unquoted value at `start`, which begins with `&`, is HTML's character references for
 * a placeholder: a mask (`&#42;&#42;&#42;&#42;`) or a gap to fill (`&lt;your-token&gt;`). A value
 * is cut at `;` (a driver's separator), so the references are read from the text, not from it.
 */
function isEncodedPlaceholder(text: string, start: number): boolean {
  HTML_RUN.lastIndex = start;
  const run = HTML_RUN.exec(text)?.[0] ?? '';
  charge(run.length);
  let decoded = '';
  for (let i = 0; i < run.length; ) {
    CHARACTER_REFERENCE.lastIndex = i;
    const m = run[i] === '&' ? CHARACTER_REFERENCE.exec(run) : null;
    if (!m) {
      decoded += run[i++];
      continue;
    }
    const code = m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? parseInt(m[2], 16) : -1;
    const named = m[3] !== undefined ? NAMED_REFERENCES[m[3].toLowerCase()] : undefined;
    if (code > 0x10ffff || (code < 0 && named === undefined)) return false;
    decoded += named ?? String.fromCodePoint(code);
    i += m[0].length;
  }
  return decoded !== run && isPlaceholder(decoded);
}

/** How many elements of a list written after a secret's plural name are read (a key's rotation lists two or three). */
const MAX_LIST_ITEMS = 16;
/** An element of such a list, bare: up to a `,`, a `]`, a space or a quote. */
const LIST_BARE = /[^\s,[\]'"\\{}]{1,256}/y;

/**
 * A list after a secret's name in the plural (namesSecretList), as `--vars` text writes it: YAML's flow
 * `{api_keys: [Xk…, Yz…]}`, JSON's `{"api_keys": ["Xk…", "Yz…"]}`, escaped in a JSON string too. Each
 * element is judged as the parsed list's are (secret-key-name): in a token's shape only (`tokens: [tok_a,
 * tok_b]` of a lexer, `secrets: [DB_PASSWORD]` that a job reads are none). Pushes what it finds; returns
 * where the list ends, or `e` when no list follows.
 */
function listAfter(text: string, e: number, name: string, out: DetectorMatch[]): number {
  let i = e;
  if (text[i] === '\\' && text[i + 1] === '"') i += 2;
  else if (text[i] === '"' || text[i] === "'") i++;
  i = skipSpaces(text, i);
  if (text[i] !== ':' && text[i] !== '=') return e;
  i = skipSpaces(text, i + 1);
  if (text[i] !== '[') return e;
  const singular = name.slice(0, -1);
  i++;
  for (let n = 0; n < MAX_LIST_ITEMS; n++) {
    i = skipSpaces(text, i);
    const escaped = text[i] === '\\' && text[i + 1] === '"';
    const q = escaped ? '\\"' : text[i] === '"' || text[i] === "'" ? text[i]! : '';
    let start = i + q.length;
    let end: number;
    if (q) {
      end = text.indexOf(q, start);
      charge(end < 0 ? MAX_QUOTED : Math.min(end - start, MAX_QUOTED));
      if (end < 0 || end - start > MAX_QUOTED) return i;
    } else {
      LIST_BARE.lastIndex = start;
      const m = LIST_BARE.exec(text);
      charge(m ? m[0].length : 1);
      if (!m) return i;
      end = start + m[0].length;
    }
    const item = text.slice(start, end);
    if (readsLikeAuthToken(item) && isRealSecretValue(item, singular)) out.push({ detectorId: 'password-assignment', start, end, description: `element of the list "${name}"` });
    i = skipSpaces(text, end + q.length);
    if (text[i] !== ',') return i;
    i++;
  }
  return i;
}

/** The password keys of ODBC, OLE DB, ADO.NET and SQL Server's JDBC property list. */
const DRIVER_PASSWORD = /^(?:password|pwd|passwd)$/i;
/**
 * What follows a `;` that cuts an unquoted password: a run that is no `key=value` pair (no `=`
 * before the next `;`, space, quote or the end), so it cannot be a driver's next property.
 */
const KEYLESS_FRAGMENT = /[^\s;='"<>,(){}[\]`|]{1,256}(?=[;\s'"]|$)/y;

/**
 * `Password=abc;def;Server=…`: unbraced, a password with a `;` is ambiguous. A driver splits
 * properties at `;` and reads `abc` (the span: the part the driver takes and the artifact certainly
 * leaks); but `def` is no property (no `=`), so the user typed `abc;def`. The checks read that typed
 * password, so a driver part too short to be judged alone (`Pwd=Rt5;Wq8x`) is still found.
 */
function typedPassword(text: string, name: string, start: number, end: number, inQuery: boolean): string {
  const cut = text.charCodeAt(end);
  if (!(cut === 59 || (cut === 38 && inQuery)) || !DRIVER_PASSWORD.test(name)) return text.slice(start, end);
  const fragment = cut === 59 ? KEYLESS_FRAGMENT : KEYLESS_QUERY_FRAGMENT;
  fragment.lastIndex = end + 1;
  const m = fragment.exec(text);
  charge(m ? m[0].length : 1);
  // (in a query a run of lower-case letters alone is more likely a flag with no value, `&ssl&`, than a password's rest)
  if (m && cut === 38 && /^[a-z]+$/.test(m[0])) return text.slice(start, end);
  return text.slice(start, m ? end + 1 + m[0].length : end);
}

/**
 * The same in a URL's query (`?user=dbt&password=Cobalt&Copper88&warehouse=…`, red team 101): a driver splits the query
 * at `&` and takes `Cobalt`, but `Copper88` is no parameter (no `=` before the next `&`), so the user typed
 * `Cobalt&Copper88`.
 */
const KEYLESS_QUERY_FRAGMENT = /[^\s&;='"<>,(){}[\]`|#]{1,256}(?=[&;\s'"#]|$)/y;

/**
 * A libpq connection string's `password` (`host=db dbname=prod user=etl password=…`, as psycopg and dbt-postgres echo
 * it): its pairs are split at spaces and another of libpq's own keys is written beside it, with no ODBC property split
 * at a `;` (`Server=…;Database=…`), on its line: a log's next line, an ODBC driver's error, is another connection string
 * (red team 102: it made a psycopg line's `password==…` no password).
 */
function inLibpqPairs(text: string, start: number, name: string): boolean {
  if (name !== 'password') return false;
  const before = text.slice(Math.max(0, start - CONNINFO_REACH), start);
  const after = text.slice(start, start + CONNINFO_REACH);
  const lineEnd = after.indexOf('\n');
  const around = before.slice(before.lastIndexOf('\n') + 1) + (lineEnd < 0 ? after : after.slice(0, lineEnd));
  return LIBPQ_PAIR.test(around) && !ODBC_PAIR.test(around);
}

const LIBPQ_PAIR = /(?:^|[ \t'"])(?:host|hostaddr|port|dbname|user|sslmode|connect_timeout|application_name)=[^\s;]/;
/** What may follow a libpq password's leading `=` (`password==k8k…`): a value's character, not a third `=`, a space or a quote. */
const LIBPQ_VALUE_START = /^[^\s='"]$/;

/**
 * A password of one word, letters alone, taken in a connection string (isConnectionStringWord): not a variable's name
 * written there (`snowflakePassword`, `WAREHOUSEPASSWORDPROD`, `vaulttoken`, red team 61), which names what it holds.
 */
const CONNECTION_WORD = /^(?!.{0,32}(?:pass|pwd|secret|token|key|cred|auth|env|var))[a-z]{4,32}$/i;
/** How far on each side of a password a connection string's pairs are read (connectionStringAround). */
const CONNINFO_REACH = 256;

/**
 * A password of letters alone (`password=tulpenfeld`, `Password=Sunshine;`, `PWD=hzTxpt`) that reads as a word or a
 * name, where the connection string around it shows it is the password: libpq's pairs (isConninfoPassword) or a
 * driver's (isDriverPassword). People choose such passwords; a setting's word (`required`, `prompt`), a placeholder
 * (`changeme`, `YourPassword`) or a word that says how the password is handled (`Integrated`, `ManagedIdentity`:
 * saysHowHandled) was refused before this is asked (isRealSecretValue, under the password's name), a variable's name
 * here (CONNECTION_WORD).
 */
function isConnectionStringWord(text: string, s: number, end: number, name: string, value: string): boolean {
  if (!CONNECTION_WORD.test(value)) return false;
  if (name === 'password') return isConninfoPassword(text, s, end, value) || isDriverPassword(text, s, end, value);
  return DRIVER_PASSWORD.test(name) && isDriverPassword(text, s, end, value);
}

/** The text around a connection string's password at `s`…`end`, to a quote or a line's end, at most CONNINFO_REACH each side. */
function connectionStringAround(text: string, s: number, end: number): [number, number] {
  let from = s;
  while (from > 0 && s - from < CONNINFO_REACH && !`'"\n`.includes(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && to - end < CONNINFO_REACH && !`'"\n`.includes(text[to]!)) to++;
  charge(to - from);
  return [from, to];
}
/** One of a libpq connection string's pairs, as a run between spaces: a lower-case key, `=`, a bare value (no quote, comma or bracket: not a call's keyword arguments). */
const CONNINFO_PAIR = /^([a-z_]{2,32})=([^\s'"=,;()[\]{}]{1,128})$/;

/**
 * `psql 'host=pg user=etl password=tulpenfeld'`: in a libpq connection string, among the pairs (space-separated, in
 * their quotes or on their line) beside a user's and a host's or database's, the password's value is one whatever it
 * looks like, a word too (red team 76); not the user's name again (`user=postgres password=postgres`, a container's
 * default). Code's keyword arguments (`connect(host=h, user=u, password=pgpass)`) have commas, and prose no pairs.
 */
function isConninfoPassword(text: string, s: number, end: number, value: string): boolean {
  const [from, to] = connectionStringAround(text, s, end);
  const runs = text.slice(from, to).split(/[ \t]{1,64}/);
  const at = runs.indexOf(text.slice(s, end));
  if (at < 0) return false;
  let first = at;
  while (first > 0 && CONNINFO_PAIR.test(runs[first - 1]!)) first--;
  let last = at;
  while (last + 1 < runs.length && CONNINFO_PAIR.test(runs[last + 1]!)) last++;
  let user: string | undefined;
  let server = false;
  for (let i = first; i <= last; i++) {
    if (i === at) continue;
    const [, key, v] = CONNINFO_PAIR.exec(runs[i]!)!;
    if (key === 'user') user = v;
    else if (key === 'host' || key === 'hostaddr' || key === 'dbname') server = true;
  }
  return user !== undefined && server && !isDefaultCredential(user, value);
}

/**
 * A key and its value in a driver's connection string, its pairs split at `;` (ODBC, ADO.NET, OLE DB, SQL Server's
 * JDBC) or at a JDBC URL's `?` and `&`: the key's one or two words are the last before the `=` (`-- conn: Server=…`),
 * after a space, a colon, a bracket or Markdown's backtick (`` `Server=…;…` ``, red team 102).
 */
const DRIVER_PAIR = /(?:^|[\s:(`])([A-Za-z_]{1,16}(?: [A-Za-z]{1,16})?)[ \t]{0,4}=(.{1,256})$/;
const DRIVER_USER_KEYS = new Set(['uid', 'user', 'user id', 'userid', 'username', 'user name']);
const DRIVER_SERVER_KEYS = new Set(['server', 'host', 'hostname', 'data source', 'address', 'addr', 'network address']);
/** A JDBC URL before its properties, its server in its authority (`jdbc:postgresql://db:5432/erp?…`, `jdbc:sqlserver://db;…`). */
const JDBC_SERVER = /jdbc:[a-z][a-z0-9:]{0,31}\/\/[A-Za-z0-9]/i;
/** What ends a driver's pair: the next pair's `;` or `&`, the string's quote, the line's or the text's end. */
const DRIVER_PAIR_END = /^(?:[;&'"`\r\n]|$)/;

/**
 * `Server=sql.acme.io;Database=erp;User Id=erp_ro;Password=hzTxpt;`, `jdbc:postgresql://db/erp?user=erp_ro&password=…`:
 * in a driver's connection string (on its line, in its quotes), beside a user's pair and a server's (a pair or a JDBC
 * URL's authority), the password's value is one, as in libpq's (isConninfoPassword), where it ends its pair; not the
 * user's name again. Prose that says `password=strong enough` has no such pairs around it.
 */
function isDriverPassword(text: string, s: number, end: number, value: string): boolean {
  // (`Password=strong enough` goes on as prose)
  if (!DRIVER_PAIR_END.test(text.slice(end, end + 1))) return false;
  const [from, to] = connectionStringAround(text, s, end);
  let user: string | undefined;
  let server = false;
  let at = from;
  for (const part of text.slice(from, to).split(/[;?&]/)) {
    const own = s >= at && s < at + part.length;
    at += part.length + 1;
    if (own) continue;
    if (JDBC_SERVER.test(part)) server = true;
    const pair = DRIVER_PAIR.exec(part);
    if (!pair) continue;
    // (two words, the first may be prose's: `connects with Server=…`; then the last names the key)
    const words = pair[1]!.toLowerCase();
    const last = words.slice(words.lastIndexOf(' ') + 1);
    if (DRIVER_USER_KEYS.has(words) || DRIVER_USER_KEYS.has(last)) user = pair[2]!.trim();
    else if (DRIVER_SERVER_KEYS.has(words) || DRIVER_SERVER_KEYS.has(last)) server = true;
  }
  return user !== undefined && user.length > 0 && server && !isDefaultCredential(user, value);
}
const ODBC_PAIR = /;[ \t]{0,4}(?:server|database|uid|user id|driver|host|port|dbname|user)[ \t]{0,4}=/i;

/** A run that may be a connection string's value (connectionValueEnd). */
const CONNECTION_VALUE = /[^\s;'"`\\]{1,256}/y;

/**
 * Where a run with no space, quote, backtick or backslash in it ends at a `;`: the end of a connection string's value, as
 * ADO.NET and ODBC read one (to the next `;`), in a string of the driver's settings (ODBC_PAIR within PAIR_REACH). A
 * password cut at a bracket, a comma or an angle bracket (`…;User ID=svc_dbt;Password=Nac9WFk)6mHrzbUuW0;`) was
 * reported in part, and redact left the rest (red team 89). A value that holds a space or a quote is braced in such a
 * string, and the text around a connection string (a quote, a code span) ends at those. `v` itself when there is none.
 */
function connectionValueEnd(text: string, v: number): number {
  CONNECTION_VALUE.lastIndex = v;
  const m = CONNECTION_VALUE.exec(text);
  charge(m ? m[0].length : 1);
  if (!m) return v;
  let end = v + m[0].length;
  // ADO.NET and ODBC read an unbraced value with spaces in it to its `;` as well (`Pwd=Kx9 mQ2v Lp7;`: red team 124, nothing
  // was reported): a few runs, each with no sign of prose (isRealSecretValue judges the whole after)
  if (text.charCodeAt(end) === 32) {
    SPACED_CONNECTION_VALUE.lastIndex = v;
    const spaced = SPACED_CONNECTION_VALUE.exec(text);
    charge(spaced ? spaced[0].length : 1);
    // (two runs at least that mix letters and digits, as a generator's groups do: words there are prose, `Password=Prompted
    // at runtime;`, `Password=Secret Server #4412;`, `Password=Password123 (default);`: red team 131)
    if (spaced && spaced[0].split(' ').filter((run) => MIXED_RUN.test(run)).length >= 2) end = v + spaced[0].length;
  }
  if (text.charCodeAt(end) !== 59) return v;
  const around = text.slice(Math.max(0, v - PAIR_REACH), end + PAIR_REACH);
  charge(around.length);
  return ODBC_PAIR.test(around) ? end : v;
}

/** A run with a letter and a digit, and no bracket. */
const MIXED_RUN = /^(?=[^()[\]{}]*$)(?=.*[A-Za-z])(?=.*\d)/;

/** A connection string's value of up to four runs split by single spaces (see connectionValueEnd), to its `;`. */
const SPACED_CONNECTION_VALUE = /[^\s;'"`\\]{1,64}(?: [^\s;'"`\\]{1,64}){1,3}(?=;)/y;

/**
 * `pw=…`, `PW=…`, `--pw=…`, `{pw: …}`: `pw` alone as a name (after dashes at most) right before `=` or `:`
 * (a quote between), in a connection string, a command's argument or `--vars` text. Alone it is as often a
 * picture's width (`?pw=120&ph=80`), so its value must read as a password (readsLikeProseSecret).
 */
function isBarePw(text: string, name: string, e: number): boolean {
  if (name.length > 4 || !/^-{0,2}pw$/i.test(name)) return false;
  const c = text[e] === '"' || text[e] === "'" ? text[e + 1] : text[e];
  if (c === '=' || c === ':') return true;
  // `-- pw SCg8EBmfDIWfVY*2568`: a space, then a generated password's shape that closes its line (red team 120; read by
  // proseValueAfter, which asks the same)
  if (c === ' ') {
    const line = BARE_PW_LINE.exec(text.slice(e, e + 130));
    if (line && readsLikeSystemPassword(line[1]!)) return true;
  }
  // Python's or a shell's assignment, spaces around its `=` and the value quoted (`pw = "…"` in a Python model: red team 124)
  if (PY_ASSIGNED_QUOTE.test(text.slice(e, e + 12))) return true;
  // a Jinja variable, spaces around its `=` (`{% set pw = '…' %}` in a macro: red team 66)
  return JINJA_SET.test(text.slice(Math.max(0, e - name.length - 16), e - name.length)) && /^[ \t]{0,4}=/.test(text.slice(e, e + 6));
}

const JINJA_SET = /\{%-?[ \t]{0,4}set[ \t]{1,4}$/;
/** What opens a SQL condition right before a name (`where `, `and (`, `when `): its `=` compares. */
const SQL_CONDITION_BEFORE = /(?:^|[\s(])(?:where|and|or|when|on|having|not)[ \t(]{1,8}$/i;
/** After `pw`: spaces, `=` (not `==`) and a quote. */
const PY_ASSIGNED_QUOTE = /^[ \t]{1,4}=[ \t]{0,4}["']/;
/** After `pw`: a space and one word that ends its line (or the text). */
const BARE_PW_LINE = /^ (\S{8,128})(?:[\r\n]|$)/;

/** How far before or after its `pass` a profile's `user` is looked for. */
const PROFILE_REACH = 256;
const PROFILE_USER = /(?:^|[^A-Za-z0-9_])user(?:name)?\\?["']?[ \t]{0,8}[=:]/i;

/**
 * dbt-postgres (and dbt-redshift's, dbt-greenplum's) profile key `pass`, in a profile echoed into
 * an error or pasted into docs: `{'user': 'etl', 'pass': '…'}`, `user: etl\n  pass: …`, or with the
 * keys sorted (`{'dbname': 'dw', 'pass': '…', 'user': 'etl'}`, as a sorted dump writes them). Alone,
 * `pass` is a common word (a test's status, a `pass:` threshold), so it names a password only a
 * short way before or after a `user` key.
 */
function isProfilePass(text: string, at: number, name: string): boolean {
  if (name.length !== 4 || name.toLowerCase() !== 'pass') return false;
  if (opensComment(text, at)) return true;
  const from = Math.max(0, at - PROFILE_REACH);
  const to = Math.min(text.length, at + name.length + PROFILE_REACH);
  charge(to - from);
  return PROFILE_USER.test(text.slice(from, at)) || PROFILE_USER.test(text.slice(at + name.length, to));
}

/**
 * `pass` right after a user named in prose, in backticks or quotes (`user \`bi_reader\`, pass \`…\``, `login "etl" and pass:
 * …`): the user's password, its value read as a password's right after its name is (PROSE_PASS_NAME). Anywhere else `pass`
 * is a verb or a noun of its own (`pass \`--full-refresh\``, `ask user \`x\` to pass …`, `pass rate`, a boarding pass).
 */
function isProsePass(text: string, at: number, name: string): boolean {
  if (name.length !== 4 || name.toLowerCase() !== 'pass') return false;
  const from = Math.max(0, at - PROSE_USER_REACH);
  charge(at - from);
  return PROSE_USER.test(text.slice(from, at));
}

/** A user or a login named in backticks or quotes, then a comma, a `;` or `and`, ending where `pass` begins. */
const PROSE_USER = /(?:^|[^A-Za-z0-9_])(?:user(?:name)?|login)[ \t]{1,4}(?:`[\w.@\\-]{1,64}`|"[\w.@\\-]{1,64}")[ \t]{0,4}(?:(?:,|;|and)[ \t]{1,4})?$/i;
/** How far before `pass` PROSE_USER is read: the word, a quoted name and what joins them. */
const PROSE_USER_REACH = 96;
/** The name prose's `pass` is read under beside a user. */
const PROSE_PASS_NAME = 'password';

/**
 * Whether the name at `s` is the first word of a comment (`select … -- pass: …`, `# pass: …`, after C's opener): a
 * note to self as a config line is, where `pass:` names a password (red team 64), not a test's status in prose.
 */
function opensComment(text: string, s: number): boolean {
  const k = indentStart(text, s);
  if (k === 0) return false;
  const two = text.slice(Math.max(0, k - 2), k);
  return two === '--' || two === '//' || two === '/*' || text[k - 1] === '#';
}

/** Indentation an INI, TOML or .env line may have before its key (a markdown code block's four spaces, a tab). */
const MAX_INDENT = 8;

/** Whether a name at `s` begins its line, after at most MAX_INDENT spaces or tabs. */
function startsLine(text: string, s: number): boolean {
  const k = indentStart(text, s);
  return k === 0 || text[k - 1] === '\n' || text[k - 1] === '\r';
}

/** Where the spaces or tabs before `s` begin (at most MAX_INDENT of them). */
function indentStart(text: string, s: number): number {
  let k = s;
  while (k > 0 && s - k < MAX_INDENT && (text[k - 1] === ' ' || text[k - 1] === '\t')) k--;
  return k;
}

/**
 * How a name at `s` begins its statement: not at all, at the start of its line, after SQL's `SET` there, or as a pair of
 * a connection string after another (`UID = erp_ro ; PWD = …;`: ODBC and ADO.NET let spaces stand around `=`).
 */
type LineStart = false | true | 'set' | 'pair';

/**
 * startsLine, or SQL's SET statement on a line (or in a hook) of its own or after another statement's `;`, `SET name =
 * value`: Spark's and Databricks' `SET spark.hadoop.fs.azure.account.key.<account>.dfs.core.windows.net = …` (whose value a
 * `;` may end).
 */
function lineStartOf(text: string, s: number): LineStart {
  if (startsLine(text, s)) return true;
  const k = indentStart(text, s);
  if (k > 0 && text.charCodeAt(k - 1) === 59 && followsPair(text, k - 1)) return 'pair';
  if (k === s || k < 3 || (text.charCodeAt(k - 3) | 32) !== 115 || (text.charCodeAt(k - 2) | 32) !== 101 || (text.charCodeAt(k - 1) | 32) !== 116) return false;
  return startsLine(text, k - 3) || startsStatement(text, k - 3) ? 'set' : false;
}

/** Whether `s` begins a SQL statement after another's `;` on its line (`SET a = b; SET c = d;`, a one-line hook's: red team 141). */
function startsStatement(text: string, s: number): boolean {
  const k = indentStart(text, s);
  return k > 0 && k < s && text.charCodeAt(k - 1) === 59;
}

/**
 * A name read in any case where its language ignores case: a connection string's pair (ODBC's `pWd` is its `PWD`) and SQL's
 * setting, whose `SET password_for_remote = …` is the PASSWORD_FOR_REMOTE that names a secret in an environment (red team 86).
 */
function namesSecretInAnyCase(text: string, s: number, name: string): boolean {
  const start = lineStartOf(text, s);
  return (start === 'pair' && isSecretKeyName(name.toLowerCase())) || (start === 'set' && isSecretKeyName(name.toUpperCase()));
}

/** Whether the name at `s` begins a URL's fragment: `#` right after a URL's path, no space before it. */
function isUrlFragment(value: string, s: number): boolean {
  if (s < 2 || value[s - 1] !== '#') return false;
  const c = value.charCodeAt(s - 2);
  return c > 32 && c !== 35 && value.lastIndexOf('://', s) > value.lastIndexOf(' ', s);
}

/** The shortest value taken after a spaced `=` in the middle of a line: a generator's, not a name or a word. */
const MID_LINE_MIN = 16;
/** …and the shortest with a generator's marks (GENERATED_MARKS, a digit and both cases). */
const MID_LINE_GENERATED_MIN = 10;
/**
 * A password's `!` or `#` past the value's first character: no identifier, number or operand of code has one there (not
 * `*`, `%`, `&`, `^`, `~` or `?`, code's operators between operands: `t.Col2*rate`).
 */
const GENERATED_MARKS = /^.[^!#]{0,2048}[!#]/;

/** A clause's end right after a value: `;`, or `,` or `)` then a space or the end. */
function isClauseEnd(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === 59 || ((c === 44 || c === 41) && isSpaceOrEnd(text.charCodeAt(at + 1)));
}

/**
 * A line of SQL or code that compares or assigns a column, a field or a variable: `token = s2.token`
 * in a where clause, `password = @password` in T-SQL, `key = $key`: no literal of an INI file.
 */
const CODE_OPERAND = /^(?:[@$:]|[A-Za-z_][A-Za-z0-9_$]{0,127}(?:\.[A-Za-z_][A-Za-z0-9_$]{0,127}){1,8}$)/;

/** How far back the pair before a connection string's `;` is looked for (its name, `=` and value). */
const PAIR_REACH = 256;

/** Whether the `;` at `at` ends a pair (`Server = erp.acme.local;`, `DRIVER={ODBC Driver 18};`): an `=` since the `;` before it, no newline. */
function followsPair(text: string, at: number): boolean {
  const from = Math.max(0, at - PAIR_REACH);
  for (let k = at - 1; k >= from; k--) {
    const c = text.charCodeAt(k);
    if (c === 61) return k > from && text.charCodeAt(k - 1) !== 61 && text.charCodeAt(k + 1) !== 61;
    if (c === 59 || c === 10 || c === 13) return false;
  }
  return false;
}

/**
 * Whether only spaces or tabs stand between `i` and the end of its line (or of the text); after SQL's SET (`lineStart`
 * 'set'), a `;` ending the statement too; in a connection string's pair ('pair'), its `;` (or the string's end or
 * closing quote) ends the value.
 */
function endsLine(text: string, i: number, lineStart: LineStart = false): boolean {
  const end = Math.min(text.length, i + MAX_SPACES);
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  if (lineStart === 'pair') return i === text.length || text[i] === ';' || text[i] === "'" || text[i] === '"';
  // (a `;` ends a SET statement, another may follow it on its line: red team 141)
  if (lineStart === 'set' && text[i] === ';') return true;
  return i === text.length || text[i] === '\n' || text[i] === '\r';
}

/**
 * Where Make's other assignments end (`DB_PASSWORD ::= …`, `:::=`, `?=`: POSIX's and GNU's immediate
 * expansion, set when unset), or `op` when none begins there.
 */
function makeOperatorEnd(text: string, op: number): number {
  let k = op;
  if (text[k] === '?') k++;
  else while (k < op + 3 && text[k] === ':') k++;
  return k > op && (text[op] === '?' || k - op >= 2) && text[k] === '=' && text[k + 1] !== '=' ? k + 1 : op;
}

/**
 * The verb "is" of the languages whose names for a password the keywords hold: English's and Dutch's `is`, German's
 * `ist`, French's `est`, Spanish's `es`, Portuguese's `é`, Danish's and Norwegian's `er`, Swedish's `är`, Polish's `jest`
 * (`das Passwort ist …`, `le mot de passe est …`, `la contraseña es …`, `a senha é …`). Italian's `è` is read apart
 * (isItalianIs: also after a few words).
 */
const COPULAS = ['is', 'ist', 'est', 'es', '\u00e9', 'er', '\u00e4r', 'jest'];
/** Somewhere in a value: one of COPULAS between spaces or tabs (detect's early exit for values without `=` or `:`). */
const COPULA_HINT = new RegExp(`[ \\t](?:${COPULAS.join('|')})[ \\t]`);
/** What says the value follows a phrase: COPULAS, German's `lautet`, the past `was`, `to` (`reset the password to …`), an arrow, a dash. */
const PHRASE_VERBS = new Set([...COPULAS, 'lautet', 'was', 'to', '->', '=>', '\u2192', '\u2013', '\u2014']);
/**
 * Somewhere in a value: a verb of PHRASE_VERBS that COPULA_HINT does not name, then a run in a value's shape (eight
 * characters or more, a digit or a symbol among them): detect's early exit. English prose is full of `to` and `was`.
 */
const PHRASE_HINT = /[ \t](?:lautet|was|to|->|=>|\u2192|\u2013|\u2014)[ \t]{1,4}[`"'*]{0,2}(?=\S{0,64}[0-9!#$%&*+/=?@^~])\S{8}/;

/** How long the verb "is" is (COPULAS) with a space or a tab on each side, after the name at `i` (and its closing quote); 0 for none. */
function copulaLength(text: string, i: number, op: number): number {
  if (op <= i) return 0;
  for (const verb of COPULAS) {
    // the verb, then a space or a tab; or a colon and one ("The password is: …", red team 117)
    const colon = text.charCodeAt(op + verb.length) === 58 ? 1 : 0;
    const after = text.charCodeAt(op + verb.length + colon);
    if ((after === 32 || after === 9) && text.startsWith(verb, op)) return verb.length + colon;
  }
  return 0;
}

/**
 * A value after English "is" is a secret only in a secret's shape: prose goes on with words, settings
 * and standards there (`the password is required`, `the key is ISO-8601`, `the token is 24h`), so it
 * takes letters of both cases and a digit in 8 or more characters, a token's shape, or a token's in one case
 * (readsLikeOneCaseToken). Not two words a symbol joins without a digit (`Alpen#Gluehen`, red team 80): policy prose
 * writes so as often (`Case#Sensitive`, `Read#Only`, `Not?Stored`, red team 83).
 */
function readsLikeProseSecret(v: string): boolean {
  return (v.length >= 8 && /[a-z]/.test(v) && /[A-Z]/.test(v) && /\d/.test(v)) || readsLikeAuthToken(v) || readsLikeOneCaseToken(v);
}

/**
 * A password manager's memorable password in lower case (`harbor-marble-6501`: readsLikeMemorablePassword) after a password's
 * name and "is", a colon or "reset to" in prose (red team 84); after a token's or a key's, such a slug is a page's or a record's.
 */
function readsLikeNamedPassphrase(v: string, name: string): boolean {
  return readsLikeMemorablePassword(v) && namesPassword(name);
}

/** A passphrase's name: `passphrase`, `pass phrase`, `PGP_PASSPHRASE`. */
const PASSPHRASE_NAME = /pass[ _-]?phrase/i;
/** Words that join a sentence, not a passphrase made of a list's words (`the name of your first pet`, `not set yet`). */
const JOINING_WORDS = new Set([
  'the', 'a', 'an', 'of', 'your', 'my', 'our', 'their', 'its', 'his', 'her', 'not', 'set', 'yet', 'see', 'ask', 'and', 'or', 'for', 'with',
  'from', 'into', 'this', 'that', 'these', 'those', 'here', 'there', 'in', 'on', 'at', 'to', 'by', 'is', 'are', 'was', 'be', 'been', 'no',
  'none', 'stored', 'kept', 'vault', 'same', 'as', 'usual', 'above', 'below', 'shared', 'unknown', 'empty', 'blank', 'redacted', 'hidden',
]);
/**
 * Words of a state or of where it went (`'pending security review'`, `'still being decided'`, `'sent over slack'`), filler,
 * counting and the textbook's example (`'correct horse battery staple'`): review 153. Diceware draws them too, so half of a
 * phrase's words at least (`'walrus tuxedo review fjord'` is a passphrase: review 155).
 */
const STATE_OR_FILLER_WORDS = new Set([
  'pending', 'review', 'still', 'being', 'decided', 'sent', 'over', 'via', 'slack', 'email', 'mail', 'later', 'soon', 'tbd', 'todo',
  'team', 'admin', 'change', 'changed', 'rotate', 'rotated', 'reset', 'example', 'sample', 'test', 'dummy', 'fake', 'placeholder', 'secret',
  'password', 'passphrase', 'foo', 'bar', 'baz', 'qux', 'quux', 'lorem', 'ipsum', 'dolor', 'sit', 'amet', 'one', 'two', 'three', 'four',
  'five', 'six', 'seven', 'eight', 'nine', 'ten', 'correct', 'horse', 'battery', 'staple', 'security',
]);
/**
 * Three to eight lower-case words of three to twelve letters, one space apart, none of JOINING_WORDS and fewer than half of
 * STATE_OR_FILLER_WORDS: diceware's passphrase.
 */
function isWordsPassphrase(v: string): boolean {
  if (v.length > 104 || !/^[a-z]{3,12}(?: [a-z]{3,12}){2,7}$/.test(v)) return false;
  const words = v.split(' ');
  if (words.some((word) => JOINING_WORDS.has(word))) return false;
  return words.filter((word) => STATE_OR_FILLER_WORDS.has(word)).length * 2 < words.length;
}

/**
 * The value right after a secret's name and one space, in prose (see PROSE_ANCHOR): PROSE_MIN or more
 * characters, less a sentence's full stop. Only after a name that says a secret (`the password`,
 * `API key`, `subscription key`, `contraseña`; not `primary key`, `next page token`).
 */
function proseValueAfter(text: string, s: number, e: number, name: string): Assigned | undefined {
  if (text.charCodeAt(e) !== 32) return undefined;
  const q = text[e + 1];
  if (q === '`' || q === '"' || q === "'") return quotedProseValueAfter(text, s, e, name, q);
  PROSE_VALUE.lastIndex = e + 1;
  const m = PROSE_VALUE.exec(text);
  charge(m ? m[0].length : 1);
  if (!m) return undefined;
  // (a sentence's stop is no part of it; a `!` or a `?` that the sentence goes on after in small letters is the password's:
  // `Use password Gr33n-Apple! for the kiosk`, red team 142)
  const after = e + 1 + m[0].length;
  const used = usedBefore(text, s) || USER_LISTED_BEFORE.test(text.slice(Math.max(0, s - USER_LISTED_REACH), s));
  // (…or a value that is used closes its line with it: `Use password Gr33n-Apple!`, red team 143)
  const bang = /[!?]$/.test(m[0]) && (used || (text.charCodeAt(after) === 32 && isLowerAscii(text.charCodeAt(after + 1))));
  const end = after - (/[.:]$/.test(m[0]) || (/[!?]$/.test(m[0]) && !bang) ? 1 : 0);
  // the last word of its line, no full stop after it (`-- TODO remove: snowflake password Maplewood2024*`): what the
  // line says, as after USE_WORDS; prose goes on after a value it names (`the password Reset-Policy#2 applies`)
  const closesLine = end === text.length || text[end] === '\n' || text[end] === '\r';
  // `-- pw SCg8EBmfDIWfVY*2568`: `pw` alone, a generated password's shape closing its line (red team 120); `pw` is a
  // page's width or a power as often, and names no secret elsewhere in prose
  const barePw = isBarePwKey(name) && closesLine && readsLikeSystemPassword(text.slice(e + 1, end));
  if ((!barePw && !isSecretKeyName(name)) || namesPagingToken(text, s, e, name)) return undefined;
  return { start: e + 1, end, quoted: false, spaced: true, used: closesLine || used };
}

/** Whether a word of USE_WORDS is right before the name at `s`, or before an article there (`Use the password …`: red team 143). */
function usedBefore(text: string, s: number): boolean {
  const word = wordBefore(text, s);
  if (USE_WORDS.has(word)) return true;
  return USE_ARTICLES.has(word) && USE_WORDS.has(wordBefore(text, s - word.length - 1));
}

/** Articles between a word of USE_WORDS and the name (`use the password`, `with this token`). */
const USE_ARTICLES = new Set(['the', 'a', 'an', 'this', 'that', 'our', 'its']);

/**
 * The text between Markdown's emphasis marks at `v` (`*…*`, `**…**`, `_…_`, `__…__`), on its line and without a space:
 * the marks are no part of it (red team 143: `**REDACTED**` was reported with its marks). A label there (`**Role:**`,
 * where the field before it was left empty) is the next field's, no value (undefined); no emphasis there, null.
 */
function emphasizedValue(text: string, v: number): Assigned | undefined | null {
  const mark = text[v]!;
  let n = 1;
  while (n < 3 && text[v + n] === mark) n++;
  const window = text.slice(v + n, v + n + MAX_QUOTED_TEXT + n);
  charge(window.length);
  const close = window.indexOf(mark.repeat(n));
  const inner = close > 0 ? window.slice(0, close) : '';
  // (marks that close nothing, or close inside a word, are the value's own: `_Kq7-Wasser!fall29`, `_init_Loader9`,
  // `*Rk8vQ2mL9xT!`: null, the value read as it stands; red team 145)
  if (close <= 0 || inner.includes(mark) || !EMPHASIS_AFTER.test(window.charAt(close + n))) return null;
  if (/\s/.test(inner) || inner.endsWith(':')) return undefined;
  return { start: v + n, end: v + n + close, quoted: true };
}

/** What follows a quote that closes a literal in code: a `,`, a bracket's end, a concatenation (`||`, `+`, `~`), the text's end. */
const CODE_AFTER_QUOTE = /^(?:[,)\]]|[ \t]{0,4}(?:\|\||\+|~)|$)/;

/**
 * Whether the quote `q` opens a literal that a name at `s` is in, its characters and no space between them (`'token=`,
 * `'https://api.x.com/v1?access_token=`): looked for back from `s`, up to a space, a line's end or 256 characters.
 */
function literalOpensBefore(text: string, s: number, q: string): boolean {
  const from = Math.max(0, s - 256);
  for (let k = s - 1; k >= from; k--) {
    const c = text[k]!;
    if (c === q) return true;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') return false;
  }
  return false;
}

/** What may follow emphasis's closing marks: a space, a sentence's mark, a bracket's end, the text's end (''). */
const EMPHASIS_AFTER = /^(?:[\s.,;:)!?|]|)$/;

function isLowerAscii(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** How far before a password's name in prose its user's name is looked for (USER_LISTED_BEFORE). */
const USER_LISTED_REACH = 72;
/**
 * A user's name listed right before a password's in prose, on its line (`user LOOKER_SVC, password …, role REPORTER`,
 * `login etl_loader password …`): the credentials written out, the value that follows the password's (red team 142).
 */
const USER_LISTED_BEFORE = /(?<![A-Za-z0-9_])(?:user(?:name)?|login)(?:[ \t]{1,4}|[ \t]{0,4}[:=][ \t]{0,4})[A-Za-z0-9_.@-]{2,64}[ \t]{0,4}[,;/]?[ \t]{1,4}$/i;

/**
 * Words before a secret's name that say its value comes next (`Using password Zebra-Crossing#71 for role LOADER` in a
 * log, `initial password …`): there a password made of words with a symbol and a digit is taken, as in quotes
 * (readsLikeQuotedProse); after other words only a random one is (`the password Reset-Policy#2 applies` is not).
 */
const USE_WORDS = new Set(['use', 'uses', 'using', 'with', 'initial', 'temporary', 'temp']);

/**
 * The value after words that follow a secret's name (PHRASE_ANCHOR): the phrase begins with one of PHRASE_LEADS (after a
 * comma too: an aside), and goes on, on its line and within one sentence, to a colon (`Password for the kiosk account: …`,
 * French's spaced ` : `) or a verb of PHRASE_VERBS (`The password of the reporting user is …`, `… lautet …`, `we reset the
 * admin password to …`, `… -> …`). What follows is taken only in a secret's shape (a token's, or a password's: letters of
 * both cases and a digit, or a random run); else the phrase reads on to the next verb (`the password if the vault is
 * unreachable is …`), and prose (`is stored in Vault`, `: rotate quarterly`, `: see 1Password`) has none.
 */
function phraseValueAfter(text: string, s: number, e: number, name: string): Assigned | undefined {
  let k = e;
  if (text.charCodeAt(k) === 44) k++; // the comma before an aside
  if (text.charCodeAt(k) !== 32 && text.charCodeAt(k) !== 9) return undefined;
  if (namesPagingToken(text, s, e, name)) return undefined;
  const limit = Math.min(text.length, e + PHRASE_REACH);
  // `the token for pagination is …`, `the token of the next page: …`: a position, not a credential
  if (TOKEN_END.test(name) && PAGING_PHRASE.test(text.slice(e, limit))) return undefined;
  let previous = '';
  // a comma or a semicolon met: the phrase runs on into another clause; and the verbs and colons passed
  let clauses = false;
  let stops = 0;
  for (let words = 0; words < PHRASE_WORDS && k < limit; words++) {
    while (k < limit && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    const start = k;
    while (k < limit && isPhraseChar(text.charCodeAt(k))) k++;
    charge(k - start + 1);
    if (k === start) return undefined;
    let word = text.slice(start, k).toLowerCase();
    // a qualifier in parentheses, one word: `Password (prod): …`, `API key (staging): …` (its colon read as any other's)
    const qualifier = words === 0 ? BRACKETED_QUALIFIER.exec(word) : null;
    if (qualifier) {
      // (what describes a password is none: `password (hashed): $2b$…`, `Password (example): …`, `Password (policy): …`)
      if (DESCRIBING_QUALIFIERS.has(qualifier[1]!)) return undefined;
      word = `${qualifier[1]}${qualifier[2]}`;
    }
    else if (words === 0 && !PHRASE_LEADS.has(word.replace(/,$/, '')) && !PHRASE_VERBS.has(word) && !SETTING_VERBS.has(word)) return undefined;
    const after = text.charCodeAt(k);
    if (after !== 32 && after !== 9) return undefined; // the line, the string or the phrase ends
    if (PHRASE_VERBS.has(word) || word.endsWith(':')) {
      // a memorable password is given in the password's own clause (`reset to`, not `pushed to`, `copied to`), not after
      // another thing's name (`…, the host is replica-east-001`, `… in Key Vault, secret name: prod-replica-2023`: red team 85)
      const thing = word.endsWith(':') ? word.slice(0, -1) : previous;
      // (a thing's own name may end the password's first stop: `Password for the kiosk account: …`)
      const given = (word !== 'to' || SETTING_VERBS.has(previous)) && !clauses && !NAMING_WORDS.has(thing) && !(stops > 0 && NAMED_THINGS.has(thing));
      const found = phraseValue(text, k, name, given);
      if (found) return found;
      stops++;
    } else if (word.endsWith('.')) return undefined; // the sentence ends
    if (word.endsWith(',') || word.endsWith(';')) clauses = true;
    previous = word;
  }
  return undefined;
}

/** One word in parentheses after a secret's name, and a colon after it or not: `(prod)`, `(read-only):` (the word, the colon). */
const BRACKETED_QUALIFIER = /^\(([a-z0-9][a-z0-9_-]{0,23})\)(:?)$/;
/** Such a word that says what follows describes a secret or stands for one: its hash, an example, a rule. */
const DESCRIBING_QUALIFIERS = new Set([
  'hash', 'hashed', 'bcrypt', 'argon2', 'scrypt', 'sha256', 'sha-256', 'sha1', 'md5', 'salted', 'digest', 'example', 'examples', 'sample',
  'demo', 'dummy', 'fake', 'placeholder', 'format', 'policy', 'rule', 'rules', 'pattern', 'regex', 'length', 'masked', 'redacted', 'template', 'hint',
]);

/**
 * Words that say a name follows (`… is stored in the Key Vault secret: tableau-reader-2024`, `… see runbook: looker-service-0042`):
 * a memorable password's shape is that name's too.
 */
const NAMING_WORDS = new Set([
  'name', 'named', 'called', 'item', 'entry', 'secret', 'key', 'vault', 'manager', 'runbook', 'module', 'release', 'chart',
  'branch', 'tag', 'label', 'id', 'path', 'file', 'url', 'domain', 'repo', 'repository', 'ticket', 'job', 'pipeline',
  'cronjob', 'cron', 'schedule', 'workflow', 'dag', 'task',
]);

/**
 * Things with names of their own, after a first verb or colon (`… is not used, the project is dbt-tutorial-418822`, `… kept by
 * IT, the relay host is mail-relay-0002`); as the password's first stop they name whose password it is (`Password for the
 * kiosk account: …`).
 */
const NAMED_THINGS = new Set([
  'cluster', 'tenant', 'host', 'hostname', 'server', 'project', 'container', 'account', 'instance', 'app', 'application',
  'bucket', 'database', 'schema', 'workspace', 'region', 'namespace', 'environment', 'env', 'service', 'stack', 'site', 'team',
]);

/** Verbs after which `to` says what a password became (`the password was reset to …`). */
const SETTING_VERBS = new Set(['set', 'reset', 'changed', 'rotated', 'updated']);

/** A page's, a cursor's or a sync's words, in the phrase after a token's name. */
const PAGING_PHRASE = /\b(?:pag(?:e|es|ing|ination)|cursor|continuation|resume|sync|csrf|xsrf)\b/i;

/** A character of a phrase's word: a letter (accented too), a digit, `'`, `’`, `-`, `_`, `.`, `,`, `/`, `(`, `)`, a backtick, a colon, an arrow's or a dash's. */
function isPhraseChar(c: number): boolean {
  return isIdentChar(c) || c === 39 || c === 0x2019 || c === 44 || c === 47 || c === 40 || c === 41 || c === 96 || c === 58 || c === 62 || c === 61 || c === 0x2192 || c === 0x2013 || c === 0x2014;
}

/** A bare value after a phrase's verb or colon. */
const PHRASE_BARE = /[^\s;'"<>,(){}[\]`|]{1,256}/y;

/**
 * The value after a phrase's verb or colon at `k` (spaces first): in backticks, double quotes or Markdown's bold, or bare,
 * less a sentence's full stop or comma; undefined unless it reads as a secret (see phraseValueAfter), or, where the verb
 * gives the password (`given`), a password manager's memorable one (readsLikeNamedPassphrase).
 */
function phraseValue(text: string, k: number, name: string, given: boolean): Assigned | undefined {
  const v = skipSpaces(text, k);
  let start = v;
  let end: number;
  let quoted = false;
  const q = text[v];
  // (in quotes, SQL's too: `-- password was 'Xk9…'`, red team 141)
  if (q === '`' || q === '"' || q === "'" || (q === '*' && text[v + 1] === '*')) {
    const close = q === '*' ? '**' : q;
    start = v + close.length;
    end = text.indexOf(close, start);
    charge(end < 0 ? 1 : end - start + 1);
    if (end < 0 || end - start > MAX_QUOTED_TEXT || end === start) return undefined;
    // (a passphrase's words in quotes, given in its own clause: `the PGP passphrase for the export is 'walrus tuxedo lantern
    // fjord'`, red team 150)
    if (/\s/.test(text.slice(start, end))) return given && q !== '*' && PASSPHRASE_NAME.test(name) && isWordsPassphrase(text.slice(start, end)) ? { start, end, quoted: true } : undefined;
    quoted = true;
  } else {
    PHRASE_BARE.lastIndex = v;
    const m = PHRASE_BARE.exec(text);
    charge(m ? m[0].length : 1);
    if (!m) return undefined;
    end = v + m[0].length - (/[.,]$/.test(m[0]) ? 1 : 0);
  }
  const value = text.slice(start, end);
  if (!(readsLikeAuthToken(value) || readsLikeProseSecret(value) || readsLikeRandomProse(value, name) || (given && readsLikeNamedPassphrase(value, name)))) return undefined;
  return { start, end, quoted };
}

/**
 * A value quoted right after a secret's name and one space (`mot de passe \`…\``, `wachtwoord \`…\``, `the
 * password "…"`): Markdown's inline code in a docs block, quotes in prose. Up to the closing quote on its line.
 */
function quotedProseValueAfter(text: string, s: number, e: number, name: string, q: string): Assigned | undefined {
  const from = e + 2;
  const limit = Math.min(text.length, from + MAX_QUOTED_TEXT + 1);
  let close = from;
  while (close < limit && text[close] !== q && text.charCodeAt(close) !== 10) close++;
  charge(close - from + 1);
  if (close === from || text[close] !== q || /^\s|\s$/.test(text.slice(from, close))) return undefined;
  if (!isSecretKeyName(name) || namesPagingToken(text, s, e, name)) return undefined;
  // (in single quotes a name that says the value is stored hashed or encrypted, as sql-password's options read it: SQL's
  // `where encrypted_password '…'`, a literal compared with the stored form)
  if (q === "'" && STORED_FORM.test(name)) return undefined;
  return { start: from, end: close, quoted: true, spaced: true };
}

/** A name's word that says its value is a stored form: hashed, encrypted, salted, a digest's. */
const STORED_FORM = /(?:^|[_-])(?:hashed|hash|encrypted|salted|md5|sha(?:1|2|3|224|256|384|512)?|bcrypt)[_-]/i;

/** The longest text of an element read as a secret (`<password>…</password>`). */
const MAX_ELEMENT = 256;

/**
 * XML that names a secret by its element, `<password>Xk…</password>` (a Maven settings.xml, a Tableau
 * data source or a Hibernate config pasted into meta or a description), its start tag with attributes or
 * not (`<password encrypted="false">`), its name qualified by a namespace's prefix or not (a SOAP call's
 * `<wsse:Password Type="…#PasswordText">`, OData's `<d:Password>`): the element's text, on one line, up
 * to its own end tag. Read as a quoted value (the tags delimit it as quotes do). WS-Security's
 * PasswordDigest is a hash of the password with a nonce, not the password.
 */
function elementValueAfter(text: string, s: number, e: number): Assigned | undefined {
  const tag = tagNameStart(text, s);
  if (tag < 0) return undefined;
  const open = startTagEnd(text, e);
  if (open < 0 || (open > e && text.slice(e, open).includes('#PasswordDigest'))) return undefined;
  const limit = Math.min(text.length, open + 1 + MAX_ELEMENT);
  let close = open + 1;
  while (close < limit && text.charCodeAt(close) !== 60 && text.charCodeAt(close) !== 10) close++;
  charge(close - open);
  if (close === open + 1 || text.charCodeAt(close) !== 60 || !text.startsWith(`</${text.slice(tag, e)}>`, close)) return undefined;
  if (/^\s|\s$/.test(text.slice(open + 1, close))) return undefined;
  return { start: open + 1, end: close, quoted: true };
}

/** The longest namespace prefix of an element's name (`wsse`, `ns2`, `d`). */
const MAX_PREFIX = 32;

/** Where the name of the start tag that the name at `s` ends begins: right after its `<`, or at its namespace prefix (`<wsse:Password`); -1 when it is no tag's. */
function tagNameStart(text: string, s: number): number {
  const c = text.charCodeAt(s - 1);
  if (c === 60) return s;
  if (c !== 58) return -1;
  let k = s - 1;
  const stop = Math.max(1, k - MAX_PREFIX);
  while (k > stop && isIdentChar(text.charCodeAt(k - 1))) k--;
  const first = text.charCodeAt(k);
  return k < s - 1 && text.charCodeAt(k - 1) === 60 && ((first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 95) ? k : -1;
}

/** The `>` that ends a start tag whose name ends at `e`: right there, or after its attributes on the same line; -1 for none (or an empty element's `/>`). */
function startTagEnd(text: string, e: number): number {
  const c = text.charCodeAt(e);
  if (c === 62) return e;
  if (c !== 32 && c !== 9) return -1;
  const limit = Math.min(text.length, e + MAX_ATTRIBUTES);
  let k = e + 1;
  while (k < limit && text.charCodeAt(k) !== 62 && text.charCodeAt(k) !== 60 && text.charCodeAt(k) !== 10) k++;
  charge(k - e);
  return k < limit && text.charCodeAt(k) === 62 && text.charCodeAt(k - 1) !== 47 && ATTRIBUTES.test(text.slice(e, k)) ? k : -1;
}

/** How far a start tag's attributes reach. */
const MAX_ATTRIBUTES = 256;
/** A start tag's attributes: names and quoted values (`encrypted="false" xmlns:x='…'`). */
const ATTRIBUTES = /^(?:[ \t]{1,16}[A-Za-z_][\w.:-]{0,64}[ \t]{0,4}=[ \t]{0,4}(?:"[^"<>]{0,200}"|'[^'<>]{0,200}'))+[ \t]{0,16}$/;

const TOKEN_END = /token$/i;
/** A swap's two coins, `sell token` and `buy token` (NOT_CREDENTIAL_TOKENS), as whole words. */
const SWAP_WORDS = 'sell|buy';
const SWAP_TOKEN = new RegExp(`(?<![A-Za-z0-9])(?:${SWAP_WORDS})[ _-]token$`, 'i');
/** Tokens that are a position, not a credential: a page's, a cursor's, a sync's, a form's; and a swap's coins. Whole words: `statuspage token` is Statuspage's. */
const PAGING_TOKEN = new RegExp(`(?<![A-Za-z0-9])(?:page|continuation|pagination|cursor|cache|sync|next|resume|delta|state|csrf|xsrf|${SWAP_WORDS})[ _-]token$`, 'i');

/** A token's name from `s` to `e` whose words before it say it is a position (`next page token`, `cursor token`), not a credential. */
function namesPagingToken(text: string, s: number, e: number, name: string): boolean {
  return TOKEN_END.test(name) && PAGING_TOKEN.test(text.slice(wordsBefore(text, s), e));
}
/** A symbol a password takes (not the `.`, `-`, `_` that join the words of a name or a version). */
const PASSWORD_SYMBOL = /[!#$%&*?@^~]/;

/**
 * A value written after its name without `=` or `:` is a secret only when it reads as random: a token's
 * shape (readsLikeAuthToken, but no digest's hex after a token's name: `cache token 3f9a…`), or a
 * password's, lower-case letters and digits with upper-case letters or symbols, not made of words
 * (`CustomerLifetimeValueV2`) nor a date or a version. Runs of letters are words when they read as
 * English (madeByPerson's letter pairs): a generator's `Zqumpm08hsE8!` has a run of six letters too, and
 * was taken for words (red team 64).
 */
function readsLikeRandomProse(v: string, name: string): boolean {
  // (a date: `token = scheduled__2024-11-03T04:00:00+00:00` is an Airflow run's id)
  if (v.includes('://') || DATE_IN_VALUE.test(v)) return false;
  if (/^[0-9a-f]{32,256}$/i.test(v)) return !TOKEN_END.test(name) && readsLikeAuthToken(v);
  if (readsLikeAuthToken(v)) return true;
  if (readsLikeOneCaseToken(v)) return true;
  return /[a-z]/.test(v) && /\d/.test(v) && (/[A-Z]/.test(v) || PASSWORD_SYMBOL.test(v)) && (!isMostlyWords(v) || !madeByPerson(v));
}

/**
 * A command's flag (`--password wZwGHy*tJUDG%XvSF`) takes a password where prose takes a word: both cases and a symbol,
 * 8 characters or more, do without the digit that the prose readers want (red team 66), unless words make it.
 */
function readsLikeFlagPassword(v: string, name: string): boolean {
  return name.startsWith('-') && readsLikeSymbolPassword(v);
}

/** Both cases and a symbol, 8 characters or more, no digit needed, unless words make it (`wZwGHy*tJUDG%XvSF`, not `Read#Only`). */
function readsLikeSymbolPassword(v: string): boolean {
  if (!readsLikePassword(v) || v.includes('://')) return false;
  return /[a-z]/.test(v) && /[A-Z]/.test(v) && PASSWORD_SYMBOL.test(v) && (!isMostlyWords(v) || !madeByPerson(v));
}

/**
 * A generator's password in the middle of a line after a secret's own name and a spaced `=` (`password = Wq8vLm2xRt^9zKp4n…`
 * in a log line or a SQL comment, red team 103): a token's shape but for the password's symbols in it (`^`, `*`, `#`, `!`,
 * `%`…), so a digit too, as the token's shape wants. Code there is cut short by its brackets or is an operand (MID_LINE_MIN,
 * CODE_OPERAND: `crypt(…)`, `?`, `:pw`, `$1`); prose is words.
 */
function readsLikeGeneratedPassword(v: string): boolean {
  return /\d/.test(v) && readsLikeSymbolPassword(v);
}

/**
 * A value on the line after its name (a YAML block's, yaml-blocks.ts), where one line is as often a word or a note
 * (`token:\n  Deprecated.`, red team 91): as after a name in prose (readsLikeProseSecret, a memorable password after a
 * password's name), or a generator's both cases and a symbol without a digit (`UsQVcVuVNs#dGdwXN`), as after a flag.
 */
function readsLikeOwnLineSecret(v: string, name: string): boolean {
  return readsLikeProseSecret(v) || readsLikeNamedPassphrase(v, name) || readsLikeSymbolPassword(v);
}

/**
 * A generator's token in one case, letters and digits (`2m9a7ki8qf6r767fkhwx7vh1ozldv0p4`, `C6RSP597N5IOF2UP1TLVQ41WW`: what
 * the peers' `[0-9a-z]{32}` makes up), ONE_CASE_MIN characters or more, that no person typed (randomInOneCase); in groups
 * too (`dy5vuyp8yqb-rdxz-b1qo-f6ns-e1uuth9lm761`, `HKTHL3A-LCUG29B-Y2U87FW`), unless the groups are hex digits alone: a
 * UUID or a digest's groups are ids.
 */
function readsLikeOneCaseToken(v: string): boolean {
  if (v.length < ONE_CASE_MIN || !/\d/.test(v) || !/[a-z]/i.test(v)) return false;
  const lower = v === v.toUpperCase() ? v.toLowerCase() : v;
  if (!ONE_CASE_GROUPS.test(lower)) return false;
  const body = lower.replace(/[-_.:]/g, '');
  return (body.length === lower.length || !/^[0-9a-f]+$/.test(body)) && randomInOneCase(body);
}

/** Letters and digits in one case, in up to eight groups joined by `-`, `_`, `.` or `:`. */
const ONE_CASE_GROUPS = /^[a-z0-9]{1,64}(?:[-_.:][a-z0-9]{1,64}){0,7}$/;

/** The fewest characters of a token in one case read as random after a secret's name in prose. */
const ONE_CASE_MIN = 20;

/**
 * A value quoted right after its name is a secret in a password's shape: 8 or more characters, lower-case
 * letters and digits with upper-case letters or symbols, and not made of words unless a symbol is in it
 * (`Falconmeadow29$` is a person's password; `PasswordPolicyV2`, \`column\`, \`hunter\` are names or words),
 * or a token's shape (in one case too: readsLikeOneCaseToken). After a password's name (`password`) a hyphen beside a
 * number is such a symbol (HYPHENED_NUMBER: \`Ember-64juniper\`, as \`Quartz%31velvet\`).
 */
function readsLikeQuotedProse(v: string, password = false): boolean {
  if (readsLikeAuthToken(v) || readsLikeOneCaseToken(v)) return true;
  if (v.length < 8 || v.includes('://') || /\s/.test(v)) return false;
  const symbol = PASSWORD_SYMBOL.test(v) || (password && HYPHENED_NUMBER.test(v) && /[A-Z]/.test(v));
  return /[a-z]/.test(v) && /\d/.test(v) && (symbol || /[A-Z]/.test(v)) && (symbol || !isMostlyWords(v));
}

/**
 * A hyphen beside two digits or more that a word goes on from (`Tundra-52maple`, `Ember-64juniper`): in a value of both
 * cases after a password's name, a person's separator as a symbol is (red team 84). Words joined by hyphens with a number
 * at the end name an entry, a ticket, a product or a step (`Sql-Admin-01`, `Rotation-2024`, `Smoke-Test-42`, `SeasonPass-2024`:
 * red team 85), a number with its unit a setting (`Expires-In-90days`, `Reset-Link-24h`), and a version has one digit or
 * dots (`Policy-v2`, `Python-3.11`).
 */
const HYPHENED_NUMBER = /-\d{2,8}(?!(?:days?|hours?|hrs?|mins?|minutes?|secs?|seconds?|weeks?|months?|years?|chars?|bits?)(?![a-z]))[a-z]{3}|[a-z]{3}\d{2,8}-/;

/** `è` (or `È`) with a space or a tab on each side, after the name at `i` (and its closing quote). */
function isItalianIs(text: string, i: number, op: number): boolean {
  const c = text.charCodeAt(op);
  const after = text.charCodeAt(op + 1);
  return (c === 0xe8 || c === 0xc8) && op > i && (after === 32 || after === 9);
}

/**
 * Where `è` is when one to three lower-case words stand between the name at `i` and it, one space
 * or tab apart (`la password del database è …`, `la password dell'utente dbt_dev è …`): the words
 * say which password; -1 when they do not end at `è` and a space.
 */
function italianIsAfterWords(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c !== 32 && c !== 9) return -1;
  let k = i + 1;
  for (let words = 0; words < ITALIAN_WORDS; words++) {
    const start = k;
    while (k < text.length && k - start < ITALIAN_WORD && isItalianWordChar(text.charCodeAt(k))) k++;
    charge(k - start + 1);
    if (k === start || (text.charCodeAt(k) !== 32 && text.charCodeAt(k) !== 9)) return -1;
    k++;
    if (isItalianIs(text, i, k)) return k;
  }
  return -1;
}

/** [a-z0-9_']: a lower-case word, a user's name (`dbt_dev`), an elision (`dell'utente`). */
function isItalianWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 39;
}

/**
 * A value found after a name: its span, whether quoted, the secret where it is not the span's text (ODBC's doubled
 * braces), and whether it followed English "is" (`prose`) or only a space (`spaced`, see proseValueAfter).
 */
interface Assigned {
  start: number;
  end: number;
  quoted: boolean;
  secret?: string;
  prose?: boolean;
  /** …on a line of its own after its name (yaml-blocks.ts): only a secret's shape is taken (readsLikeOwnLineSecret). */
  ownLine?: boolean;
  spaced?: boolean;
  /** …after a word that says a value follows the name (`using password …`, see USE_WORDS): a person's password is taken too. */
  used?: boolean;
  /** …in the middle of a line (see valueAfter): only a token's shape is taken. */
  midLine?: boolean;
}

/** After a key name: optional closing quote, `=`, `:`, `=>`, Make's `::=` `:::=` `?=` or PHP's `.=`, then a quoted or bare value. */
/** The value of a triple-quoted string whose text starts at `from`: up to three `quote`s on the same line, within MAX_QUOTED. */
function tripleQuoted(text: string, from: number, quote: string): Assigned | undefined {
  const last = Math.min(text.length - 2, from + MAX_QUOTED);
  let close = from;
  while (close < last && text[close] !== '\n' && !(text[close] === quote && text[close + 1] === quote && text[close + 2] === quote)) close++;
  charge(close - from + 1);
  if (close >= last || text[close] !== quote || close === from) return undefined;
  if (/^\s|\s$/.test(text.slice(from, close))) return undefined;
  return { start: from, end: close, quoted: true };
}

function valueAfter(
  text: string,
  i: number,
  unquoted: RegExp,
  closers: Record<string, ForwardSearch>,
  brackets: OpenBrackets,
  lineStart: LineStart = false,
  name = '',
  goVar = false,
): Assigned | undefined {
  const nameStart = i - name.length;
  // JSON inside a JSON string, decoded once (`{\"DB_PASSWORD\": \"…\"}`): its quotes are escaped
  const escaped = text[i] === '\\' && text[i + 1] === '"';
  if (escaped) i += 2;
  else if (text[i] === '"' || text[i] === "'") i++;
  // Markdown's code and bold around the name (`` `password`: … ``, `- **password**: …`, red team 54)
  else if (text[i] === '`') i++;
  else if (text[i] === '*') i += text[i + 1] === '*' ? 2 : 1;
  let op = skipSpaces(text, i);
  let opEnd: number;
  /** The operator sets the value as `=` does (a bare value then follows the same rules). */
  let equals = text[op] === '=';
  let italian = false;
  let wordsOp = -1;
  /** How long the verb "is" after the name is (COPULAS), 0 when none: the value is then prose's. */
  let copula = 0;
  // a declaration's type between the name and its `=` (`secret: str = …` in Python, `const secret: string = …` in
  // TypeScript, `var secret string = …` in Go, red team 73): the value is assigned as after `=`
  const typed = typeBeforeEquals(text, i, text[op] === ':' ? op + 1 : goVar ? i : -1);
  if (typed >= 0) {
    op = typed;
    opEnd = op + 1;
    equals = true;
  } else if (text.startsWith('=>', op)) opEnd = op + 2;
  // `api_token := '…'`: PL/pgSQL, Snowflake Scripting, Go (`token := R7kq…` sets a bare value as `=` does, red team 73); and
  // SQL's named arguments
  else if (text.startsWith(':=', op)) {
    opEnd = op + 2;
    equals = true;
  } else if (text[op] === '=' && text[op + 1] !== '=') opEnd = op + 1;
  // libpq reads a pair's value from the first `=` on, so `password==k8k%…` is the password `=k8k%…` (red team 100); a
  // comparison elsewhere (`password==stored`): libpq's pairs around it only (inLibpqPairs here, isConninfoPassword on)
  else if (op === i && text[op] === '=' && text[op + 1] === '=' && LIBPQ_VALUE_START.test(text.charAt(op + 2)) && inLibpqPairs(text, op, name)) {
    opEnd = op + 1;
    equals = true;
  } else if (text[op] === ':' && text[op + 1] !== ':') opEnd = op + 1;
  else if ((opEnd = makeOperatorEnd(text, op)) > op) equals = true;
  // PHP's `$password .= '…'` appends a string: a quoted value only (a bare one is an expression)
  else if (text[op] === '.' && text[op + 1] === '=' && text[op + 2] !== '=') opEnd = op + 2;
  // Italian writes "is" where English writes `:` (`la password è Tr0ub4dor-Xq7`): read as `: `, a word apart
  else if ((italian = isItalianIs(text, i, op))) opEnd = op + 1;
  // …or a few words after it (`la password del database è …`)
  else if ((italian = (wordsOp = italianIsAfterWords(text, i)) >= 0)) opEnd = (op = wordsOp) + 1;
  // and "is" (`the test account's password is Xk2m-P9qL`, `das Passwort ist …`: COPULAS): read as `: ` too, the value then held to a token's or password's shape (detect)
  else if ((copula = copulaLength(text, i, op)) > 0) opEnd = op + copula;
  // code's `if password != '…':`, a traceback's `assert api_secret != '…'`: the literal a secret is checked against is that
  // secret, written into the code (red team 105); a quoted value only (a bare one is a variable)
  else if (text[op] === '!' && text[op + 1] === '=' && text[op + 2] !== '=' && isCodeCondition(text, i - name.length)) {
    opEnd = op + 2;
    const l = skipSpaces(text, opEnd);
    if (text[l] !== "'" && text[l] !== '"') return undefined;
  }
  // (SQL's `api_key <> '…'`, `token != '…'` set nothing: a filter's literal is the value it leaves out, a load batch's hash or
  // a vendor's public key, not the column's secret; red team 104, and red team 100's freshness filter)
  else return undefined;
  /** The operator maps as YAML's `: ` does (a bare value after a space). */
  const colon = !equals && (text[op] === ':' || italian || copula > 0);
  // Markdown's bold or italics closed after the colon, a label's (`**Password:** …`, `*Token:* …`, `__Password:__ …`: red
  // team 142), then a space
  if (text[op] === ':' && opEnd === op + 1 && (text[opEnd] === '*' || text[opEnd] === '_')) {
    const marks = text[opEnd + 1] === text[opEnd] ? 2 : 1;
    if (text[opEnd + marks] === ' ' || text[opEnd + marks] === '\t') opEnd += marks;
  }
  // …or HTML's (`<b>Password:</b> …`, `<strong>Token:</strong> …`: red team 143)
  else if (text[op] === ':' && opEnd === op + 1 && text[opEnd] === '<') {
    HTML_EMPHASIS_END.lastIndex = opEnd;
    const close = HTML_EMPHASIS_END.exec(text);
    if (close) opEnd += close[0].length;
  }
  let v = skipSpaces(text, opEnd);
  // "is set to", "was changed to" after the name: the value follows the setting's verb (`The password is set to Xk9…!`)
  if (copula > 0) {
    SET_TO.lastIndex = v;
    if (SET_TO.test(text)) v = SET_TO.lastIndex;
    // …or "is now" (`The password is now Xk9…!`: review 153; `is now stored in Vault` goes on with a word)
    else {
      NOW_THEN.lastIndex = v;
      if (NOW_THEN.test(text)) v = NOW_THEN.lastIndex;
    }
  }
  // a label of a user and a password before the pair (`username/password: dbt_svc / Tr0pic-Thunder-42`, `user/pass:
  // svc:…`): the password is the pair's second (red team 142)
  if (colon && v > opEnd && name !== '' && USER_SLASH_BEFORE.test(text.slice(Math.max(0, nameStart - 12), nameStart))) {
    const user = USER_THEN_SEPARATOR.exec(text.slice(v, v + 80));
    if (user) v += user[0].length;
  }
  // T-SQL's Unicode literal: `PASSWORD = N'…'`
  if (text[v] === 'N' && text[v + 1] === "'") v++;
  // Python's bytes, raw and formatted strings: `password=b"…"`, `secret = rb'…'` (a traceback's source line: red team 154)
  else if (equals) v += pythonPrefixLength(text, v);
  // a value in Markdown's bold or italics after a label's colon (`**Password:** *Xq7-Blue-Mango#42*`, `**Token:** **REDACTED**`)
  if (colon && (text[v] === '*' || text[v] === '_')) {
    const emphasized = emphasizedValue(text, v);
    if (emphasized !== null) return emphasized;
  }
  const q = text[v];
  // ODBC braces a value that holds ; or spaces: `Pwd={p@ss;word}` (not a template's `{{`, `{%`)
  if (q === '{' && text[op] === '=' && text[v + 1] !== '{' && text[v + 1] !== '%') {
    let close = closers['{']!.next(v + 1);
    // ODBC doubles a right brace inside braces: `Pwd={Zx9}}q}` is the password `Zx9}q`
    while (text[close] === '}' && text[close + 1] === '}' && close - v <= MAX_QUOTED) close = closers['{']!.next(close + 2);
    if (text[close] !== '}' || close - v > MAX_QUOTED + 1 || close === v + 1) return undefined;
    // a dict or a set in code (`credentials={"user": u}`, `password={pw}`) is no ODBC value: read as bare
    const inner = text.slice(v + 1, close);
    if (/["']|:\s/.test(inner)) return undefined;
    return { start: v + 1, end: close, quoted: false, ...(inner.includes('}}') ? { secret: inner.replace(/\}\}/g, '}') } : {}) };
  }
  if (escaped && q === '\\' && text[v + 1] === '"') {
    const close = closers['"']!.next(v + 2);
    if (text[close] !== '"' || text[close - 1] !== '\\' || close - 1 <= v + 2 || tooLongQuoted(text, v + 2, close - 1)) return undefined;
    if (/^\s|\s$/.test(text.slice(v + 2, close - 1))) return undefined;
    return { start: v + 2, end: close - 1, quoted: true };
  }
  // Snowflake's and PostgreSQL's dollar-quoted string (`alter user loader set password = $$…$$`), on its line
  if (q === '$' && text[v + 1] === '$') {
    const close = dollarQuoteEnd(text, v + 2);
    if (close < 0) return undefined;
    return { start: v + 2, end: close, quoted: true };
  }
  // Python's triple-quoted string (`'password': """…"""`), on its line
  if ((q === '"' || q === "'") && text[v + 1] === q && text[v + 2] === q) return tripleQuoted(text, v + 3, q);
  // `SUMO_ACCESS_KEY=\`etcdctl get /sumo/key\``: right after `=`, backticks around a command and its arguments are the
  // shell's command substitution, as `$(…)` is (a placeholder): the command that reads the secret, not the secret (red team 73)
  // (a command's name is a lower-case word, `etcdctl`, `vault`, `op`: `Falcon meadow 29!`, `Kx7q mN9pL4` and `tr0ub4dor &3`
  // in backticks are passwords with spaces, red team 74)
  if (q === '`' && text[op] === '=' && v === opEnd && /^[a-z][a-z_./-]{0,63}[0-9]?[ \t]+[-/$A-Za-z]/.test(text.slice(v + 1, v + 80))) return undefined;
  // a value in backticks: Markdown's inline code, in docs blocks and descriptions (`password: \`…\``)
  // `split_part(url,'token=',2)`, `'https://…?access_token=' || col`, `"…?access_token="+tok+"…"`: the name is inside a
  // string literal that the quote after its `=` closes; what follows is code, no value (red team 147)
  // (code after that quote: a `,`, a bracket's end, a concatenation, the text's end; `'user=app;password='Xk9…'` has a value:
  // red team 148)
  if ((q === '"' || q === "'") && equals && op === i && v === opEnd && CODE_AFTER_QUOTE.test(text.slice(v + 1, v + 8)) && literalOpensBefore(text, i - name.length, q)) return undefined;
  // quotation marks of prose in other languages (`Passwort: „siehe Vault“`, `пароль: «см. Vault»`, `パスワード：「…」`: red
  // team 160): the value is what they hold, on its line
  const closer = q === undefined ? undefined : PROSE_QUOTES[q];
  if (closer !== undefined && colon) {
    let close = v + 1;
    while (close < text.length && close - v <= MAX_QUOTED && !closer.includes(text[close]!) && text[close] !== '\n') close++;
    if (close >= text.length || !closer.includes(text[close]!) || close === v + 1) return undefined;
    if (/^\s|\s$/.test(text.slice(v + 1, close))) return undefined;
    return { start: v + 1, end: close, quoted: true };
  }
  if (q === '"' || q === "'" || q === '`') {
    let close = closers[q]!.next(v + 1); // the closing quote, or a newline, or the end
    // SQL and YAML write a quote of the value twice (`password = 'fobLXl''6Fn27'`): one quote of the value, not its end
    // …or after a backslash, as MySQL and BigQuery write it (`'BqfDLyqv\\'s8qgjTS'`, see isEscapedQuote)
    while (q === "'" && text[close] === q && close > v + 1 && close - v <= MAX_QUOTED) {
      if (text[close + 1] === q) close = closers[q]!.next(close + 2);
      else if (isEscapedQuote(text, close, v + 1)) close = closers[q]!.next(close + 1);
      else break;
    }
    // JSON, YAML, Python and the shell read `\"` inside double quotes as a quote of the value (`--vars {"password":
    // "Qz4i\"O4iG"}` in a command line), whatever follows it
    while (q === '"' && text[close] === q && close > v + 1 && close - v <= MAX_QUOTED && backslashesBefore(text, close, v + 1) % 2 === 1) close = closers[q]!.next(close + 1);
    if (text[close] !== q || tooLongQuoted(text, v + 1, close)) return undefined;
    // `$token .= '&scope=read'`: what PHP appends is a piece of a string, a secret only when it begins as one
    if (text[op] === '.' && !isAlphanumeric(text.charCodeAt(v + 1))) return undefined;
    // `?token=' || getenv(…)`: the quote closes a SQL string, it does not open a value.
    const inner = text.slice(v + 1, close);
    if (/^\s|\s$/.test(inner)) return undefined;
    if (q === '"' && inner.includes('\\')) return { start: v + 1, end: close, quoted: true, secret: inner.replace(/\\(["\\])/g, '$1') };
    return { start: v + 1, end: close, quoted: true, ...(q === "'" && /''|\\'/.test(inner) ? { secret: unquotedLiteral(inner) } : {}) };
  }
  if (!equals && !colon) return undefined; // `$x .= expr` in PHP: an expression
  // A bare value after `=` only without spaces (DSNs, URL queries, ODBC strings): `password = x` in code is an expression.
  // Unless the assignment is its line, as INI, TOML and .env files write one (`aws_secret_access_key = …`
  // in ~/.aws/credentials, pasted into a docs block): the key begins the line and the value ends it.
  const spaced = equals && (op !== i || v !== opEnd);
  // …or in prose after "password" in another language (`passord = …` in a Norwegian note): code spells it in English
  const prose = spaced && isForeignPasswordName(name);
  // …or mid-line in prose, where only a generator's value is taken (`set aws_secret_access_key = <40> before running`;
  // code's `token = fetch_token(x)` or `password = other_password` reads as words or calls, see readsLikeRandomProse)
  const midLine = spaced && !lineStart && !prose;
  // After `:` only with a space, as YAML maps it: `arn:…:secret:prod/db` is an identifier, not a mapping.
  if (colon && v === opEnd) return undefined;
  // a driver's password in a connection string runs to its `;` (see connectionValueEnd)
  if (equals && op === i && v === opEnd && DRIVER_PASSWORD.test(name)) {
    const end = connectionValueEnd(text, v);
    if (end > v) return { start: v, end, quoted: false };
  }
  unquoted.lastIndex = v;
  const read = unquoted.exec(text);
  charge(read ? read[0].length : 1);
  if (!read) return undefined;
  // (brackets inside it are its own, but for one that closes a bracket open before the name: see throughBrackets)
  const run = text.slice(v, throughBrackets(text, brackets, i, v, v + read[0].length, unquoted));
  // (a SET statement after another's `;` with more after its value, a comment or SQL: read as mid-line, as before it was a
  // statement's: red team 143)
  if (midLine || (lineStart === 'set' && spaced && !prose && !endsLine(text, v + run.length, lineStart))) {
    // a long value on its own, then a space, a sentence's end or the line's: no more code after it; a generator's password
    // with the marks no code operand has may be shorter and end a clause (`-- password = Zq7Hk2pLm9Xw!`, `WITH PASSWORD =
    // Zq7Hk2pLm9Xw!;`, `password = …, user = svc`: red team 114)
    const after = text.charCodeAt(v + run.length);
    const generated = run.length >= MID_LINE_GENERATED_MIN && GENERATED_MARKS.test(run) && /\d/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run);
    if ((run.length < MID_LINE_MIN && !generated) || CODE_OPERAND.test(run) || !(isSpaceOrEnd(after) || (generated && isClauseEnd(text, v + run.length)))) return undefined;
    return { start: v, end: v + run.length - (/[.,;]$/.test(run) ? 1 : 0), quoted: false, spaced: true, midLine: true };
  }
  if (spaced && ((!prose && !endsLine(text, v + run.length, lineStart)) || (lineStart !== 'pair' && CODE_OPERAND.test(run)))) return undefined;
  // one word in small letters and a full stop (`Password: required.`, `Token: short-lived.`, `password=n/a.`, `Passwort:
  // erforderlich.`): what a sentence says of the secret, the word judged as a word is, without its stop (red team 134:
  // `required.` was read as a person's password, as `Welcome1!` is). With a capital, or in capitals, only a word that
  // describes (`Password: Required.`, `Token: EXPIRED.`, `Password: N/A.`): `PGPASSWORD=Rosebud. psql …`, `password:
  // Summer.` are a person's passwords with their stop (red team 139). A `!` is a password's (`Sunshine!`, `export
  // PGPASSWORD=Quokkas!`: red team 136)
  if (/[.)]$/.test(run) && isSpaceOrEnd(text.charCodeAt(v + run.length))) {
    // (after a colon, as a sentence writes it: `SNOWFLAKE_PASSWORD=Secret.` is a password, red team 145)
    if (colon && DESCRIBING_WORDS.has(run.slice(0, -1).toLowerCase())) return undefined;
    if (SENTENCE_WORD.test(run)) return { start: v, end: v + run.length - 1, quoted: false };
  }
  if (copula > 0) {
    // a sentence's full stop or comma is no part of the value
    const end = v + run.length - (/[.,]$/.test(run) ? 1 : 0);
    return end > v ? { start: v, end, quoted: false, prose: true } : undefined;
  }
  // …nor after Italian's `è`, a sentence still (`Il token è Kx7mN9pL4qZ.`, red team 77)
  if (italian && run.length > 1 && /[.,]$/.test(run)) return { start: v, end: v + run.length - 1, quoted: false };
  // a pair inside a SQL literal whose quote a backslash escapes (`'password=BqfDLyqv\\'s8qgjTS'`, see isEscapedQuote): the
  // value goes on past it
  let end = v + run.length;
  for (let k = 0; k < 4 && text.charCodeAt(end) === 39 && isEscapedQuote(text, end, v); k++) {
    unquoted.lastIndex = end + 1;
    const more = unquoted.exec(text);
    if (!more) break;
    end += 1 + more[0].length;
  }
  if (end > v + run.length) return { start: v, end, quoted: false, secret: unquotedLiteral(text.slice(v, end)) };
  const last = quoteInside(text, v, end, unquoted);
  // (a SQL literal's quote doubled inside the value is one quote of the secret)
  if (last > end && text.slice(v, last).includes("''")) return { start: v, end: last, quoted: false, secret: unquotedLiteral(text.slice(v, last)) };
  // `…password=%DB_PASSWORD%\" …` in a JSON string's raw text (a JSON-lines log): the backslash escapes the quote that ends
  // the value, no character of it (a variable so kept was read as a value; red team 85)
  return { start: v, end: text.charCodeAt(last) === 34 && backslashesBefore(text, last, v) % 2 === 1 ? last - 1 : last, quoted: false };
}

/**
 * The length of a Python string's prefix at `v` (`b`, `r`, `u`, `f`, `rb`, `br`, `fr`, `rf`, any case) that a quote follows,
 * else 0. An f-string with a field is none: its fields are code (`f"{user}_{env}_2024"`: review 155); one without is its
 * literal (`f'Hk4w…'`: review 156).
 */
function pythonPrefixLength(text: string, v: number): number {
  for (let n = 1; n <= 2; n++) {
    const q = text.charCodeAt(v + n);
    if (q !== 34 && q !== 39) continue;
    const prefix = text.slice(v, v + n);
    if (!/^(?:[bBrRuUfF]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])$/.test(prefix)) return 0;
    if (/[fF]/.test(prefix)) {
      const close = text.indexOf(text[v + n]!, v + n + 1);
      const literal = text.slice(v + n + 1, close < 0 || close - v > MAX_QUOTED ? v + n + 1 + MAX_QUOTED : close);
      charge(literal.length + 1);
      if (literal.includes('{')) return 0;
    }
    return n;
  }
  return 0;
}

/** A setting's verb (SETTING_VERBS, the phrase's) and `to` after a copula (`is set to `, `was changed to `, `is now reset to `), then the value. */
export const SET_TO = new RegExp(`(?:now[ \\t]{1,4})?(?:${[...SETTING_VERBS].join('|')})[ \\t]{1,4}to[ \\t]{1,4}(?=\\S)`, 'y');

/** The quotation marks of prose that open a value, and those that may close it (German, French, Russian, Japanese, English). */
const PROSE_QUOTES: Readonly<Record<string, string>> = {
  '\u201e': '\u201c\u201d', '\u201c': '\u201d\u201c', '\u00ab': '\u00bb', '\u00bb': '\u00ab', '\u300c': '\u300d', '\u300e': '\u300f',
  '\u2018': '\u2019', '\u201a': '\u2018\u2019', '\u2039': '\u203a', '\u203a': '\u2039',
};

/** `now` after a copula, then the value. */
const NOW_THEN = /now[ \t]{1,4}(?=\S)/y;

/** A user's label and a slash right before a password's name: `username/password`, `User / Password`, `login/pw`. */
const USER_SLASH_BEFORE = /(?:^|[^A-Za-z0-9_])(?:user(?:[ _]?name)?|login|usr)[ \t]?\/[ \t]?$/i;
/**
 * A user's name and the separator of a pair after it: ` / ` with spaces after any name (`DbtSvc / …`); a `/` or a `:` alone
 * after a name in one case, as a service account's is written (`svc:`, `loader@corp.com/`, `LOOKER_SVC:`), then six
 * characters or more: a password with a `/` or a `:` in it is no user and a password (`Xk9mQ2vLp7wR4tZ8/ab`, `wJalr…/K7MD…`:
 * review 153; the spaced form kept for any name and length, review 155, but before prose: `Tr0pic-Thunder-42 / rotated
 * monthly` is a password and its note, review 156).
 */
const USER_THEN_SEPARATOR = /^(?:[A-Za-z0-9_.@$-]{1,64}[ \t]\/[ \t](?=\S)(?![a-z]{2,24}[ \t]{1,4}[a-z])|(?:[a-z][a-z0-9_.-]{0,63}(?:@[a-z0-9.-]{1,253})?|[A-Z][A-Z0-9_]{0,63})(?:\/|:)(?=[^\s\/:]{6}))/;

/**
 * The end of a bare value that a double quote at `end` may not end: a quote with a letter or a digit right after it, and
 * the run after it ended by a space or the text's end, is a character of the value (`password=Hk4wQ9"zLmP2xR7vB ok`, a
 * JSON-lines log's `\"` decoded: the password's tail was left in what redact wrote; red team 82); so is a single quote,
 * or two (a SQL literal's escape), so followed (red team 107). A quote that closes a
 * string the value is in is followed by what follows a string (`"…password=abc", "user": …`, `…abc">`, `…abc"]`, a
 * key's `":`), and a quoted string after it ends in a quote (`abc"def"`), not in a space.
 */
/** A word of small letters, or words joined by `-` or `/`, then a full stop or a bracket's end: `required.`, `short-lived.`, `n/a.`, `optional)`. */
const SENTENCE_WORD = /^\p{Ll}{1,32}(?:[-/]\p{Ll}{1,31}){0,3}[.)]$/u;
/** Words that say what a secret's value is or how it is kept, not the value (`Password: Required.`, `Token: Expired.`). */
const DESCRIBING_WORDS: ReadonlySet<string> = new Set([
  'required', 'optional', 'mandatory', 'none', 'n/a', 'na', 'yes', 'no', 'hidden', 'masked', 'redacted', 'encrypted', 'hashed', 'rotated',
  'expired', 'revoked', 'removed', 'unset', 'empty', 'blank', 'set', 'stored', 'provided', 'deprecated', 'unknown', 'unused', 'disabled',
  'enabled', 'pending', 'invalid', 'valid', 'sensitive', 'confidential', 'managed', 'generated', 'ignored', 'omitted',
  'short-lived', 'long-lived', 'inherited', 'supplied', 'configured', 'missing', 'obsolete', 'temporary', 'permanent',
]);

/** Whether a character code (charCodeAt's, NaN past the text) is a space, a tab, a line's end or the text's end. */
function isSpaceOrEnd(c: number): boolean {
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13;
}

/** A name and `=` after a quote: the next pair (`…password=abc"user=u"`), not the value's tail. */
const NEXT_PAIR = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}=/;

function quoteInside(text: string, start: number, end: number, unquoted: RegExp): number {
  const q = text.charCodeAt(end);
  // a string's prefix (Python's `f"Bearer {token}"`, `r"…"`, `b"…"`) or a name's operator (`token:"…"`) opens a string
  if ((q !== 34 && q !== 39) || /^[A-Za-z]{1,2}$/.test(text.slice(start, end)) || /[:=]/.test(text[end - 1] ?? '')) return end;
  // (a single quote too, once or doubled: `DB_PASSWORD=4ybKe4'huno3t-9` on a log's line, `password=aAEaZ''D3yA5…` in a SQL
  // literal; red team 107: the tail was left in what redact wrote, and the secret had another id)
  for (let k = 0; k < 4 && text.charCodeAt(end) === q; k++) {
    const width = q === 39 && text.charCodeAt(end + 1) === 39 ? 2 : 1;
    if (!/[A-Za-z0-9]/.test(text[end + width] ?? '')) break;
    unquoted.lastIndex = end + width;
    const more = unquoted.exec(text);
    if (!more) break;
    const after = end + width + more[0].length;
    // (after a single quote, a generator's run with a digit in it, not a contraction's or a possessive's `t`, `s`, `d`, `ed`:
    // `password=Can''t reset`, `secret=Bob's`, `'…password=Hq7…'as conn`; red team 108. A SQL literal's doubled quote may
    // end where the literal does, `password=Xk9''fLm2Qp7v')`)
    if (q === 39 && !goesOnAfterQuote(text.slice(start, end), more[0])) break;
    const c = text.charCodeAt(after);
    // (after a single quote the run may also end at another quote, read next, or at a pair's end, `;`, `&` or `,`:
    // `DB_PASSWORD=Zx9a'Yw8b'Vu7c ok`, ODBC's `Pwd=Ab3'dE5fG7hJ;`)
    const closes = width === 2 && c === 39 && text.charCodeAt(after + 1) !== 39;
    const pairEnds = q === 39 && (c === 59 || c === 38 || c === 44);
    if ((!isSpaceOrEnd(c) && !closes && !pairEnds && !(q === 39 && c === 39)) || NEXT_PAIR.test(more[0])) break;
    end = after;
    if (closes || pairEnds) break;
  }
  return end;
}

/**
 * Whether the run after a single quote inside a bare value is the password's: a run with a digit after a generator's
 * (a digit or both cases before: `4ybKe4'huno3t-9`, `aAEaZ''D3yA5uA*9`), or four characters or more after a run with a
 * digit (`Xk9mLp2Q'abcdefgh`, `Tr0ub4dor'sHorse`). Not a contraction's or a possessive's (`Can''t`, `Bob's`, `wasn't`),
 * nor a column after a word (`'password=changeme'col_1`: red teams 108 and 109).
 */
function goesOnAfterQuote(before: string, after: string): boolean {
  const digitBefore = /\d/.test(before);
  if (digitBefore && after.length >= 4) return true;
  return after.length >= 3 && /\d/.test(after) && (digitBefore || (/[a-z]/.test(before) && /[A-Z]/.test(before)));
}

/** Go's `var` or `const` before a name that starts at `s` (`var token string = …`): a type may follow the name without a colon. */
const GO_DECLARATION = /(?:^|[^A-Za-z0-9_])(?:var|const)[ \t]{1,4}$/;

function isGoDeclared(text: string, s: number): boolean {
  return s >= 4 && GO_DECLARATION.test(text.slice(Math.max(0, s - 10), s));
}

/** Where the `=` after a type that starts at `from` is (see TYPE_THEN_EQUALS), or -1; -1 for `from` < 0. */
function typeBeforeEquals(text: string, i: number, from: number): number {
  if (from < 0 || (from === i && text[i] !== ' ' && text[i] !== '\t')) return -1;
  TYPE_THEN_EQUALS.lastIndex = from;
  const m = TYPE_THEN_EQUALS.exec(text);
  charge(m ? m[0].length : 1);
  return m ? from + m[0].length - 1 : -1;
}

/** The `$$` that closes a dollar-quoted value starting at `from`: before a space, a line's end or MAX_QUOTED characters; -1 for none, or an empty value. */
function dollarQuoteEnd(text: string, from: number): number {
  const last = Math.min(text.length - 1, from + MAX_QUOTED);
  let i = from;
  while (i < last && !(text.charCodeAt(i) === 36 && text.charCodeAt(i + 1) === 36) && !isSpaceOrLineEnd(text.charCodeAt(i))) i++;
  charge(i - from + 1);
  return i > from && i < last && text.charCodeAt(i) === 36 ? i : -1;
}

function isSpaceOrLineEnd(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Past the spaces at `i`: ASCII's, and the no-break spaces that French typography sets before a colon (`mot de
 * passe\u00a0: …`, the narrow U+202F too) and word processors put where a space was typed (red team 80).
 */
function skipSpaces(text: string, i: number): number {
  const from = i;
  const end = Math.min(text.length, i + MAX_SPACES);
  while (i < end && isSpaceOrNoBreak(text.charCodeAt(i))) i++;
  charge(i - from);
  return i;
}

/** A space, a tab, or a no-break space (U+00A0, the narrow U+202F). */
function isSpaceOrNoBreak(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x202f;
}

/** [A-Za-z0-9] */
function isAlphanumeric(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** [A-Za-z0-9_.-], and the accented Latin letters of a name written in another language (contraseña, hasło; not × or ÷). */
function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45 || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/**
 * French writes "password" in three words: `mot de passe : …` names what `passe` alone does not;
 * Indonesian and Malay in two: `kata sandi: …` (`sandi` alone is a code, or a name).
 */
const MOT_DE = /mot[ _-]de[ _-]$/i;
const KATA = /kata[ _-]$/i;

/** The name from `s` to `e`, with the words before it that make it one (`mot de passe`, `kata sandi`, `Mailgun key`): as long as the text it is read from, which ends at `e`. */
function nameAt(text: string, s: number, e: number): string {
  const name = text.slice(s, e);
  if (e - s === 3 && name.toLowerCase() === 'key') return text.slice(vendorAbove(text, s) ?? wordsBefore(text, s), e);
  if (e - s !== 5) return name;
  const lower = name.toLowerCase();
  if (lower === 'passe' && MOT_DE.test(text.slice(Math.max(0, s - 7), s))) return `mot_de_${name}`;
  if (lower === 'sandi' && KATA.test(text.slice(Math.max(0, s - 5), s))) return `kata_${name}`;
  return name;
}

/** Where the `API` after a word for key that ends at `e` ends (`clé API`, `clave de la API`, `chiave dell'API`), or -1. */
function apiAfter(text: string, e: number): number {
  API_AFTER_KEY.lastIndex = e;
  const m = API_AFTER_KEY.exec(text);
  charge(m ? m[0].length : 1);
  return m ? e + m[0].length : -1;
}

/** How many spaces a flow mapping written by hand has around its `:` and `{` (more is layout no `--vars` has). */
const FLOW_SPACES = 4;

/**
 * Where the key of the mapping a bare `key` opens begins, when that mapping is a value (`{sendgrid: {key:
 * …}}`, `{'sendgrid': {'key': …}}`, `{\"sendgrid\": {\"key\": …}}` in a `--vars` string): the key grammar reads
 * `sendgrid: {key` as it reads `sendgrid_key` (a vendor whose one key is secret; `primary: {key` stays a
 * table's). Undefined when no such key stands there.
 */
function vendorAbove(text: string, s: number): number | undefined {
  let k = skipQuoteBack(text, s);
  k = skipSpacesBack(text, k);
  if (k === 0 || text.charCodeAt(k - 1) !== 123) return undefined; // {
  k = skipSpacesBack(text, k - 1);
  if (k === 0 || text.charCodeAt(k - 1) !== 58) return undefined; // :
  const end = skipQuoteBack(text, k - 1);
  let from = end;
  while (from > 0 && end - from < PROSE_WORD && isWordChar(text.charCodeAt(from - 1))) from--;
  charge(s - from);
  if (from === end || (from > 0 && isWordChar(text.charCodeAt(from - 1)))) return undefined;
  // (the quote before the vendor's name is no part of it: the name begins at its first letter)
  return from;
}

/** Back over a closing quote before `i` (`'`, `"`, or JSON's escaped `\"`). */
function skipQuoteBack(text: string, i: number): number {
  if (i > 0 && (text.charCodeAt(i - 1) === 34 || text.charCodeAt(i - 1) === 39)) i--;
  if (i > 0 && text.charCodeAt(i - 1) === 92) i--;
  return i;
}

function skipSpacesBack(text: string, i: number): number {
  const from = i;
  while (i > 0 && from - i < FLOW_SPACES && text.charCodeAt(i - 1) === 32) i--;
  return i;
}

/**
 * What prose names of a secret that is not the secret, before `of the <name>:` (`Id of the API key: <uuid>`, `Hash of the
 * API key: <sha256>`, `Scope of the token: read:orders`, `Fingerprint of the deploy key: SHA256:…`, `Last four of the
 * token: 9f3a`): the value is the key's attribute, as under `api_key_id` or `deploy_key_fingerprint` (red team 104). Not a
 * word that names a secret itself (`Password of the service account: …`, `Secret of the OAuth app: …` are the secret),
 * nor one that says the value is the secret written another way (`Value of`, `Copy of`, `Backup of`), nor one that can
 * name the key itself as well as its attribute (`New version of the API key: …`, `Latest rotation of the token: …` are the
 * new key: red team 105).
 */
const SECRET_ATTRIBUTES = new Set([
  'id', 'ids', 'identifier', 'hash', 'digest', 'checksum', 'fingerprint', 'thumbprint', 'scope', 'scopes', 'permissions', 'role',
  'prefix', 'suffix', 'length', 'expiry', 'expiration', 'lifetime', 'ttl', 'age', 'owner', 'creator', 'issuer', 'name', 'label',
  'type', 'kind', 'format', 'algorithm', 'status', 'path', 'location', 'url', 'arn', 'policy', 'hint',
]);
/** The words before a secret's name that end `<attribute> of (the)`; group 1 is a one-word attribute (SECRET_ATTRIBUTES). */
const ATTRIBUTE_OF = /(?:^|[^\p{L}\p{N}_])(?:(?:last|first)[ \t](?:four|4|digits|characters|chars)|(?:rotation|creation|expiry|expiration)[ \t]date|(\p{L}{2,16}))[ \t]of[ \t](?:(?:the|a|an|this|that|your|our|its|each)[ \t])?$/iu;
/** How far before a name ATTRIBUTE_OF reads (`expiration date of the ` and a little more). */
const ATTRIBUTE_REACH = 40;

/** Whether the secret's name that begins at `s` follows `<attribute> of the` (SECRET_ATTRIBUTES): the value is of the secret, not it. */
function isAttributeOfSecret(text: string, s: number): boolean {
  if (s < 4 || text.charCodeAt(s - 1) !== 32) return false;
  const before = text.slice(Math.max(0, s - ATTRIBUTE_REACH), s);
  charge(before.length);
  const m = ATTRIBUTE_OF.exec(before);
  return m !== null && (m[1] === undefined || SECRET_ATTRIBUTES.has(m[1].toLowerCase()));
}

/**
 * A secret's name that prose says is not there or not one: `no secret`, `no client secret`, `not a secret`, `non-secret`,
 * `without a client secret` (`Auth0 SPA client id (public, no secret for SPAs): <id>`: the value is the client id, red team
 * 104). After `no` and `without`, one word of the name may come first (a noun's qualifier); after `not`, an article only:
 * `Do not share the API key: …` gives the key.
 */
const NEGATED_NAME = /(?:^|[^\p{L}\p{N}_])(?:no(?:[ \t]\p{L}{2,16})?|not(?:[ \t](?:a|an|the))?|non|without(?:[ \t](?:a|an))?(?:[ \t]\p{L}{2,16})?)[ \t-]$/iu;
/** How far before a name NEGATED_NAME reads. */
const NEGATION_REACH = 32;

/** Whether the secret's name that begins at `s` is negated (NEGATED_NAME): the value after it is not that secret. */
function isNegatedName(text: string, s: number): boolean {
  const c = text.charCodeAt(s - 1);
  if (s < 3 || (c !== 32 && c !== 45)) return false;
  const before = text.slice(Math.max(0, s - NEGATION_REACH), s);
  charge(before.length);
  return NEGATED_NAME.test(before);
}

/** How long a word before a bare `key` may be (vendors' names and `API`, `secret`, `admin` are shorter). */
const PROSE_WORD = 32;

/**
 * Where the words before a bare `key` begin (at most two, each after one space): prose names a key
 * in words, `-- Pipedrive key: …`, `Mailgun API key = …`, `Azure Search admin key: …`, which the key
 * grammar reads as it reads `PIPEDRIVE_KEY`. `primary key: …`, `dedup key: …` stay no secret's name.
 */
function wordsBefore(text: string, s: number): number {
  let from = s;
  for (let words = 0; words < 2 && from >= 2 && text.charCodeAt(from - 1) === 32; words++) {
    let k = from - 1;
    while (k > 0 && from - 1 - k < PROSE_WORD && isWordChar(text.charCodeAt(k - 1))) k--;
    charge(from - k);
    // one longer than a word of a name
    if (k > 0 && isWordChar(text.charCodeAt(k - 1))) break;
    // (`-- Pipedrive key`: a comment's dashes are no part of the name)
    while (k < from - 1 && (text.charCodeAt(k) === 45 || text.charCodeAt(k) === 95)) k++;
    if (k === from - 1) break;
    from = k;
  }
  return from;
}

/**
 * Query parameters that carry an API key under a name with no secret word the key grammar knows:
 * `key` (Google's, Bing Maps', OpenCage's, MapQuest's, Weatherbit's, Trello's), `appid`
 * (OpenWeather's, Wolfram|Alpha's), `appkey` and `authkey` (SMS and messaging gateways), 3scale's
 * `user_key` in front of an API. `api_key`, `apikey`, `app_key`, `access_token` are secret names anyway.
 */
const QUERY_KEYS = new Set(['key', 'appid', 'appkey', 'authkey', 'userkey', 'user_key']);

/** A URL query's parameter that is an API key (QUERY_KEYS), whatever its case. */
function isQueryKey(name: string): boolean {
  return name.length <= 8 && QUERY_KEYS.has(name.toLowerCase());
}

/** How far from a `secret_id` its `role_id` is looked for, before it or after it (a login's two halves stand together). */
const ROLE_ID_REACH = 256;
/**
 * A `role_id` given its value, a UUID as Vault makes one: not a column's in a select list (`select role_id, secret_id`), nor
 * another system's role (Snowflake's `ROLE_00042`, Okta's `00r…`, Azure's `app_role_id`: red team 85).
 */
const ROLE_ID = /(?<![A-Za-z0-9_])role_?id["'\\]{0,2}\s{0,4}[:=]\s{0,4}["'\\]{0,2}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f-])/i;

/** Whether a `role_id` is given within ROLE_ID_REACH characters of the `secret_id` at `s`…`e`: the two halves of a Vault AppRole's login. */
function roleIdBeside(text: string, s: number, e: number): boolean {
  const from = Math.max(0, s - ROLE_ID_REACH);
  const to = Math.min(text.length, e + ROLE_ID_REACH);
  charge(to - from);
  return ROLE_ID.test(text.slice(from, to));
}

/** The name a `--key` flag's value after a space is read under (then as a bare key's: a token's shape only). */
const KEY_FLAG_NAME = 'api_key';


/** How far before a query's `key` its URL's scheme is looked for. */
const URL_REACH = 256;

/**
 * Whether the URL whose query holds `at` is Google's: an old Sheets link's `?key=` is the
 * spreadsheet's id (`spreadsheets.google.com/ccc?key=0Ah…`), and a Google API key (AIza…) is
 * gcp-api-key's, whatever its name.
 */
function onGoogleHost(text: string, at: number): boolean {
  const from = Math.max(0, at - URL_REACH);
  charge(at - from);
  const before = text.slice(from, at);
  const scheme = before.lastIndexOf('://');
  if (scheme < 0) return false;
  const host = /^[A-Za-z0-9.-]{1,253}/.exec(before.slice(scheme + 3))?.[0] ?? '';
  return host === 'google.com' || host.endsWith('.google.com') || host.endsWith('.googleapis.com');
}

/** How far before a quoted name the `{` of a params dict is looked for. */
const PARAMS_REACH = 512;
/** What opens the query's dict of an HTTP client's call: `params={`, `params = {`. */
const PARAMS_OPEN = /(?<![\w$])params\s{0,4}=\s{0,4}$/;

/**
 * Whether the quoted name at `at` is a key of a Python HTTP client's `params={…}` (requests, httpx): the
 * URL query's parameters, as `?key=…` writes them (`requests.get(url, params={'q': addr, 'key': '…'})`).
 */
function inParamsDict(text: string, at: number): boolean {
  const q = text.charCodeAt(at - 1);
  if (q !== 39 && q !== 34) return false;
  const open = objectOpenBefore(text, at - 1);
  return open >= 0 && PARAMS_OPEN.test(text.slice(Math.max(0, open - 16), open));
}

/** The `{` that opens the object whose key begins at `at`, within PARAMS_REACH before it and no `}` between: its index, or -1. */
function objectOpenBefore(text: string, at: number): number {
  const from = Math.max(0, at - PARAMS_REACH);
  let open = at - 1;
  while (open >= from && text.charCodeAt(open) !== 123 && text.charCodeAt(open) !== 125) open--;
  charge(at - open);
  return open >= from && text.charCodeAt(open) === 123 ? open : -1;
}

/** What opens the options of Algolia DocSearch's call: `docsearch({`. */
const DOCSEARCH_OPEN = /(?<![\w$])docsearch\s{0,4}\(\s{0,4}$/;

/**
 * Whether the name at `s` is the `apiKey` of Algolia DocSearch's call in a docs page (`docsearch({appId: …, apiKey: …,
 * indexName: …})`): DocSearch takes a search-only key, which Algolia documents as meant for the page (every visitor's
 * browser sends it; red team 103). An Algolia admin key anywhere else, under any name, stays a secret.
 */
function isDocSearchKey(text: string, s: number, name: string): boolean {
  if (name !== 'apiKey') return false;
  const open = objectOpenBefore(text, s);
  return open >= 0 && DOCSEARCH_OPEN.test(text.slice(Math.max(0, open - 16), open));
}

/** [A-Za-z0-9_-]: a word of a name written in prose. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}
