/**
 * Columns a string takes on a terminal, for the command line's bundle only (scripts/bundle.mjs
 * puts it where yargs, cliui and wrap-ansi import `string-width`): they use it to lay out
 * `--help`, but the package builds Unicode-property regexes (`\p{RGI_Emoji}` under the `v` flag)
 * and an Intl.Segmenter when it is loaded — about 100 ms at every start of the command line,
 * a pre-commit hook's included, help asked or not. This one builds nothing until it meets a
 * character outside printable ASCII, which help text hardly has.
 *
 * Counted per code point: ANSI escape sequences, control and format characters and combining
 * marks take no column; East Asian wide and fullwidth characters and the emoji blocks take
 * two; everything else one. Grapheme clusters are not joined (a family emoji counts per person):
 * the layout of help text never meets them.
 */

interface Classes {
  ansi: RegExp;
  zero: RegExp;
}

let classes: Classes | undefined;

function classesOf(): Classes {
  classes ??= {
    // CSI sequences (colours, cursor) and OSC sequences (hyperlinks), ended by BEL or ST
    ansi: /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u009b[0-?]*[ -/]*[@-~]/g,
    zero: /^[\p{Cc}\p{Cf}\p{Mn}\p{Me}\p{Cs}]$/u,
  };
  return classes;
}

/** Code points that East Asian Width calls Wide or Fullwidth, by their main blocks (sorted pairs). */
const WIDE: readonly number[] = [
  0x1100, 0x115f, // Hangul Jamo initials
  0x2e80, 0x303e, // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
  0x3041, 0x33ff, // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed and compatibility
  0x3400, 0x4dbf, // CJK extension A
  0x4e00, 0xa4cf, // CJK unified ideographs, Yi
  0xa960, 0xa97f, // Hangul Jamo extended A
  0xac00, 0xd7a3, // Hangul syllables
  0xf900, 0xfaff, // CJK compatibility ideographs
  0xfe10, 0xfe19, // vertical forms
  0xfe30, 0xfe6f, // CJK compatibility forms, small form variants
  0xff00, 0xff60, // fullwidth forms
  0xffe0, 0xffe6, // fullwidth signs
  0x16fe0, 0x18cff, // Tangut, Khitan
  0x1b000, 0x1b2ff, // Kana supplement and extensions, Nushu
  0x1f200, 0x1f2ff, // enclosed ideographic supplement
  0x1f300, 0x1f64f, // pictographs and emoticons (emoji)
  0x1f680, 0x1f6ff, // transport and map symbols
  0x1f900, 0x1faff, // supplemental symbols and pictographs, extended-A
  0x20000, 0x3fffd, // CJK extensions B and later, planes 2 and 3
];

function isWide(code: number): boolean {
  for (let i = 0; i < WIDE.length; i += 2) {
    if (code < WIDE[i]!) return false;
    if (code <= WIDE[i + 1]!) return true;
  }
  return false;
}

/** Whether every character is printable ASCII (space to tilde): its width is then its length. */
function printableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

export default function stringWidth(text: unknown): number {
  if (typeof text !== 'string' || text.length === 0) return 0;
  if (printableAscii(text)) return text.length;
  const { ansi, zero } = classesOf();
  let width = 0;
  for (const character of text.replace(ansi, '')) {
    const code = character.codePointAt(0)!;
    if (code >= 0x20 && code < 0x7f) width++;
    else if (zero.test(character) || (code >= 0xfe00 && code <= 0xfe0f)) continue; // variation selectors too
    else if (isWide(code)) width += 2;
    else width++;
  }
  return width;
}
