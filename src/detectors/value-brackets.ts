/**
 * Round and square brackets inside a bare value (`password=Kestrel-U6jKbe(Qsauz`, `?access_token=WByspZ((CvWEJ)66JXg9xn!`):
 * a generated password draws them as it draws `!` or `#`, and a URL's query may hold them unencoded (RFC 3986's
 * sub-delims). A value cut at its first bracket was reported in part, or not at all when the part was short, and
 * `redact` left the rest in its copy (red team 89).
 *
 * What a bracket closes decides. A closing bracket that no opener in the value pairs ends the value when an opener of
 * its kind stands open before the name on its line: it closes that (`(password=abc)`, a log's `[token=abc]`, a Markdown
 * link's `[text](https://x?token=abc)`, a call's `connect(password=abc)`). Otherwise brackets are the value's, but for
 * one that opens at its end (`os.getenv(`), and a value that reads as a call or an index (`get_password()`, `fn(x)`,
 * `secrets[0]`, `fernet.decrypt(token).decode`): code, whose name before the bracket is what was read before.
 *
 * So is a value that stops with a bracket of its own still open where code goes on inside it: at an argument's `,`, a
 * quote, a `{` or SQL's `||` (`md5(concat(user_id,created_at))`, `get_secret(name="db", version=2)`), or at a space when
 * the rest of the line closes it (`trim(both from pw)`). A password's bracket run stays open to its end, a space before
 * the next word, a query's `&` (`WByspZ((CvWEJ)66JXg9xn!`, `oMuuL((f73yeff5# user=loader`): red team 91.
 */
import { charge } from './work.js';

const OPENERS = '([';
const CLOSERS = ')]';
/** The most brackets read in one value (a password holds a few; past them the value ends at the next as before). */
const MAX_BRACKETS = 16;
/** The longest value so read (the bound of the bare values' regexes). */
const MAX_VALUE = 2048;
/** A call or an index as the whole value: a name, then brackets to the value's end, or to a method or a field after them. */
const CALL_OR_INDEX = /^[A-Za-z_][\w.]{0,127}[([][^\n]{0,2048}(?:[)\]]$|\)(?:\.[A-Za-z_]|\[))/;
/**
 * Where code goes on inside a bracket: an argument's separator, SQL's `||`, a keyword's string or dict (`name="db"`,
 * `request={`; a quote after a password's last character is the end of the string it is in, a JSON log line's).
 */
function goesOnInCode(text: string, to: number): boolean {
  const c = text[to]!;
  if (c === ',' || (c === '|' && text[to + 1] === '|')) return true;
  return `"'\`{`.includes(c) && (text[to - 1] === '=' || text[to - 1] === ':');
}

/** How far along its line a closer of a value's bracket that a space stopped is looked for. */
const CLOSER_REACH = 128;

/**
 * The end of the bare value that `run` (a sticky regex of its characters, brackets not among them) read from `start` to
 * `end`, read on through its brackets; `nameEnd` is where the value's name ends (`brackets` says which stand open before it).
 */
export function throughBrackets(text: string, brackets: OpenBrackets, nameEnd: number, start: number, end: number, run: RegExp): number {
  if (end === start) return end;
  const open = [0, 0];
  let standsOpen: readonly boolean[] | undefined;
  let to = end;
  for (let k = 0; k < MAX_BRACKETS && to - start < MAX_VALUE; k++) {
    const c = text[to]!;
    const opens = OPENERS.indexOf(c);
    const closes = CLOSERS.indexOf(c);
    if (opens < 0 && closes < 0) break;
    if (opens >= 0) open[opens]!++;
    else if (open[closes]! > 0) open[closes]!--;
    else if ((standsOpen ??= brackets.before(nameEnd))[closes]) break;
    run.lastIndex = to + 1;
    const m = run.exec(text);
    charge(m ? m[0].length + 1 : 1);
    to += 1 + (m ? m[0].length : 0);
  }
  // an opener at the end opens what the value is not (`os.getenv(`, `fn(` before a quote)
  while (to > end && OPENERS.includes(text[to - 1]!)) open[OPENERS.indexOf(text[--to]!)]!--;
  if (to === end) return end;
  charge(to - start);
  if (CALL_OR_INDEX.test(text.slice(start, to))) return end;
  return open[0]! + open[1]! > 0 && opensCode(text, to, open) ? end : to;
}

/** Whether the brackets `open` of a value that stops at `to` stand open in code: see throughBrackets. */
function opensCode(text: string, to: number, open: number[]): boolean {
  if (goesOnInCode(text, to)) return true;
  if (text[to] !== ' ' && text[to] !== '\t') return false;
  const left = [...open];
  const stop = Math.min(text.length, to + CLOSER_REACH);
  charge(stop - to);
  for (let k = to + 1; k < stop; k++) {
    const c = text[k]!;
    // the line's end, or a string's (a JSON text's next value): what follows is no more of the value's code
    if (c === '\n' || c === '\r' || c === '"' || c === "'") return false;
    const opens = OPENERS.indexOf(c);
    const closes = CLOSERS.indexOf(c);
    if (opens >= 0) left[opens]!++;
    else if (closes >= 0 && left[closes]! > 0 && --left[closes]! === 0 && left[1 - closes] === 0) return true;
  }
  return false;
}

/** Both kinds open: what is said of a place already passed (the value then ends at its closer, as before). */
const BOTH_OPEN: readonly boolean[] = [true, true];

/**
 * Which kinds of bracket stand open before a place on its line, read forward once: the names of a text are read in
 * order, so each character is looked at once however many values meet a closer (a search back from each would read a
 * line of `pw=a) ` over and over).
 */
export class OpenBrackets {
  private at = 0;
  private readonly open = [0, 0];

  constructor(private readonly text: string) {}

  before(to: number): readonly boolean[] {
    if (to < this.at) return BOTH_OPEN;
    const from = this.at;
    for (; this.at < to; this.at++) {
      const c = this.text[this.at]!;
      if (c === '\n' || c === '\r') this.open[0] = this.open[1] = 0;
      const opens = OPENERS.indexOf(c);
      const closes = CLOSERS.indexOf(c);
      if (opens >= 0) this.open[opens]!++;
      else if (closes >= 0 && this.open[closes]! > 0) this.open[closes]!--;
    }
    charge(to - from + 1);
    return [this.open[0]! > 0, this.open[1]! > 0];
  }
}
