/**
 * Text to TeX: every character that means something to TeX is written so that it
 * prints as itself, under LuaLaTeX, XeLaTeX and pdfLaTeX alike.
 *
 * Besides the ten specials, square brackets are braced (`{[}`), because text may
 * follow a command that takes an optional argument (`\pstart[...]`, `\\[...]`), and
 * the pairs that TeX fonts turn into ligatures (`--`, `''`, `<<`, `!``) are split.
 * White space runs (the indentation of a TEI file) become one space; a no-break
 * space becomes `~`; control characters are dropped.
 */

const SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '%': '\\%',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  '[': '{[}',
  ']': '{]}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
  '\u00a0': '~',
};

const SPECIAL = /[\\{}$&#%_^~[\]<>|\u00a0]/g;
/** The first character of a ligature pair; `{}` after it keeps the two apart. */
const LIGATURE_START = /(-(?=-)|'(?=')|`(?=`)|,(?=,)|[!?](?=`))/g;
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Escapes text for TeX; white space collapses to single spaces (leading and trailing kept as one). */
export function escapeTex(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/[ \t\r\n]+/g, ' ')
    .replace(LIGATURE_START, '$1\u0001')
    .replace(SPECIAL, (c) => SPECIALS[c] ?? c)
    .replaceAll('\u0001', '{}');
}
