/**
 * Text in a shape no credential has, found where a secret's value would be (red team 73, gitleaks' and trufflehog's
 * false-positive samples under secret names): a style sheet's rule, a markup tag, a call with a literal argument, a
 * list of identifiers, an ad-block filter, a container image pinned by its digest, an HTTP entity tag. A person's password may hold
 * punctuation and words (`Falcon#meadow29`), never a whole one of these.
 */
import { looksLikeWord } from './person-made.js';

/** `.ui.visible.right.sidebar~.pusher{transform:translate3d(0,0,0)}`: selectors, then a declaration in braces. */
const CSS_RULE = /^[.#]?[A-Za-z][\w.#~>+*:()[\]="' ,-]{0,512}\{\s{0,4}[a-z-]{2,40}\s{0,4}:[^{}]{1,512}\}$/;

/** `<xsd:element name="…" type="…"/>`: a tag with attributes, or an element with its closing tag. */
const MARKUP_TAG = /^<[A-Za-z][\w:.-]{0,64}(?:\s{1,4}[\w:.-]{1,64}\s{0,4}=\s{0,4}(?:"[^"<>]{0,512}"|'[^'<>]{0,512}')){1,16}\s{0,4}\/?>$|^<([A-Za-z][\w:.-]{0,64})(?:\s[^<>]{0,512})?>[^<>]{0,1024}<\/\1>$/;

/** `API_ORG_CREATE("https://…"),`, `buf.WriteString("…")`: a function called with one string literal. */
const LITERAL_CALL = /^[A-Za-z_][\w.]{0,63}\((["'])([^"'\n]{0,1024})\1\)[,;]?$/;

/** `getPagesInConfluenceSpace,searchConfluenceUsingCql`: two or more identifiers, separated by commas. */
const IDENTIFIER_LIST = /^[A-Za-z_]\w{2,63}(?:\s{0,2},\s{0,2}[A-Za-z_]\w{2,63}){1,63}$/;

/** `amazon.de#@#div[…]`, `example.com##.banner`: an ad blocker's cosmetic filter (hosts, then `##`, `#@#`, `#?#` or `#$#`). */
const COSMETIC_FILTER = /^(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}(?:,(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}){0,16}#[@?$]?#\S/;

/** `aws-cli@sha256:eaaa…`, `ghcr.io/acme/loader:1.4@sha256:…`: an image's name pinned by its digest (public: anyone may pull it). */
const IMAGE_DIGEST = /^(?:[a-z0-9.-]{1,253}(?::\d{1,5})?\/)?[a-z0-9]+(?:[._-]{1,2}[a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-]{1,2}[a-z0-9]+)*){0,8}(?::\w[\w.-]{0,127})?@sha256:[0-9a-f]{64}$/;

/** `W/"5f1c0e9b…"`: HTTP's weak entity tag, a version of a resource (RFC 9110), under `etag_token` say. */
const WEAK_ETAG = /^W\/"[\x21\x23-\x7e]{1,256}"$/;

/** An attribute's quoted value in a tag. */
const ATTRIBUTE_VALUE = /=\s{0,4}(?:"([^"<>]{0,512})"|'([^'<>]{0,512})')/g;

/**
 * Whether `v` (trimmed, at most 8192 characters) is code or markup rather than a value. `secretIn` judges a call's
 * literal argument and a tag's attribute values: a call or a tag that holds a secret (`login("Kx7#vLq2!mW9")`, `<add
 * key="pw" value="Kx7q#mN9pL4"/>`) stays one. Under a password's name (`password`) a list of words or braces may be
 * the password a person chose (`purple_monkey,dish_washer`, `Falcon{meadow:29}`: red team 74): only markup and calls count.
 */
export function isCodeShaped(v: string, secretIn: (argument: string) => boolean, password = false): boolean {
  if (v.length > 2048) return false;
  const c = v.charCodeAt(0);
  if (c === 0x3c) return MARKUP_TAG.test(v) && ![...v.matchAll(ATTRIBUTE_VALUE)].some((m) => secretIn(m[1] ?? m[2]!));
  const call = v.includes('(') ? LITERAL_CALL.exec(v) : null;
  if (call) return !secretIn(call[2]!);
  if (password) return false;
  if (v.endsWith('}') && CSS_RULE.test(v)) return true;
  if (v.includes(',') && IDENTIFIER_LIST.test(v) && v.split(',').every((id) => isWordyIdentifier(id.trim()))) return true;
  if (v.includes('#') && COSMETIC_FILTER.test(v)) return true;
  if (c === 0x57 && WEAK_ETAG.test(v)) return true;
  return v.includes('@sha256:') && IMAGE_DIGEST.test(v);
}

/** An identifier of two words or more in camelCase or snake_case, most of its letters in words (`searchConfluenceUsingCql`). */
function isWordyIdentifier(id: string): boolean {
  const parts = id.split(/_|(?=[A-Z][a-z])/).filter((p) => p.length > 0);
  if (parts.length < 2) return false;
  let letters = 0;
  let inWords = 0;
  for (const p of parts) {
    letters += p.length;
    if (p.length <= 3 ? /^[A-Za-z][a-z]{1,2}$/.test(p) : looksLikeWord(p)) inWords += p.length;
  }
  return inWords * 4 >= letters * 3;
}

/**
 * `TODAYINASIAASACKOFRICEFELLOVER`: 24 capitals or more, no digit, read as words (a random key of capitals reads as
 * "words" by chance: 6 % of twelve letters, 1 % of twenty, red team 74).
 */
export function isCapitalPhrase(v: string): boolean {
  return v.length >= 24 && v.length <= 64 && /^[A-Z]+$/.test(v) && looksLikeWord(v);
}
