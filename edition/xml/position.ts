/** Positions in XML text as the parsers report them. */

/** 1-based line and column of a UTF-16 index in `text`, counting columns in code points. */
export function positionAt(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: [...text.slice(lineStart, index)].length + 1 };
}
