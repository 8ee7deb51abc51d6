/**
 * The forms a keyword is searched for in. A keyword in printable ASCII is itself (the search folds
 * the case of ASCII letters). A word with characters past ASCII (пароль, 密码, hasło) is written in
 * raw JSON two ways: escaped, `\u043f\u0430…` (Python's json.dumps, and so dbt, by default: its
 * ensure_ascii), or as its UTF-8 bytes (a writer without it). Both are searched for in the bytes,
 * in lower, upper and title case (ПАРОЛЬ, Пароль): the escaped form with lower-case hex digits,
 * which the search's folding matches in either case (`\u043F`), the UTF-8 form as one character per
 * byte. On a decoded value the search reads each character past ASCII as its UTF-8 bytes
 * (KeywordScanner.scanString), so the UTF-8 form finds the word there too.
 *
 * Such forms are never anchored: an anchor reads a name in ASCII (see prefilter.ts).
 */

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** Whether a keyword is searched for as it stands (printable ASCII), not by its forms. */
export function isPlainKeyword(keyword: string): boolean {
  return PRINTABLE_ASCII.test(keyword);
}

/**
 * Whether a keyword the search holds is the form of a word past ASCII (escaped or in UTF-8 bytes):
 * never anchored. A plain keyword never holds a backslash or a byte past ASCII (rawKeywords).
 */
export function isWordForm(keyword: string): boolean {
  return !PRINTABLE_ASCII.test(keyword) || keyword.includes('\\u');
}

const FORMS = new Map<string, readonly string[]>();

/** The forms of a detector's keyword (see above): itself in lower case when it is printable ASCII. */
export function keywordForms(keyword: string): readonly string[] {
  let forms = FORMS.get(keyword);
  if (!forms) {
    const lower = keyword.toLowerCase();
    if (isPlainKeyword(keyword)) forms = [lower];
    else {
      const cases = new Set([lower, keyword.toUpperCase(), lower.charAt(0).toUpperCase() + lower.slice(1)]);
      const out = new Set<string>();
      for (const c of cases) {
        out.add(escapedForm(c));
        out.add(Buffer.from(c, 'utf8').toString('latin1'));
      }
      forms = [...out];
    }
    FORMS.set(keyword, forms);
  }
  return forms;
}

/** JSON's escaped form: each character past ASCII as `\uXXXX`, lower-case hex (a surrogate pair as two). */
function escapedForm(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    out += c < 0x80 ? word[i] : `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return out;
}
