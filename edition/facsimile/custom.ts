/**
 * Transkribus's `custom` attribute on PAGE elements (TextRegion, TextLine, Word): tags in
 * a CSS-like syntax, `readingOrder {index:0;} person {offset:0; length:15; lastname:Galschut;}`.
 * Each tag has a name and attributes; `offset` and `length` place it in the element's
 * text (in UTF-16 code units: Transkribus counts with Java's strings), and `continued:true`
 * says that the tag goes on in the next line (or word).
 *
 * Transkribus writes the characters `\ " ' { } : ;`, space and tab of a value as `\uXXXX`
 * and reads values back as Java string escapes; other writers put a backslash before the
 * character (`\;`). Both are read here: `\uXXXX`, `\n`, `\t`, `\r`, `\b`, `\f`, and a
 * backslash before any other character stands for that character.
 */

/** One tag of a `custom` attribute. */
export interface CustomTag {
  name: string;
  /** Where the tag begins in the element's text, or null when it names no range (`readingOrder`). */
  offset: number | null;
  length: number | null;
  continued: boolean;
  /** Its other attributes in the order written, values unescaped and trimmed. */
  attrs: Array<[string, string]>;
}

/** What `parseCustom` read: the tags, and a sentence for each part it could not read. */
export interface ParsedCustom {
  tags: CustomTag[];
  problems: string[];
}

const CONTROL: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/** A value with its escapes resolved (see the module comment). */
export function unescapeCustomValue(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const next = raw[i + 1]!;
    const hex = /^u+([0-9a-fA-F]{4})/.exec(raw.slice(i + 1));
    if (hex !== null) {
      out += String.fromCharCode(parseInt(hex[1]!, 16));
      i += hex[0].length;
    } else {
      out += CONTROL[next] ?? next;
      i++;
    }
  }
  return out;
}

const NAME = /[A-Za-z_][\w.-]*/y;

/** Reads a `custom` attribute. Never throws: what cannot be read is skipped and said in `problems`. */
export function parseCustom(value: string): ParsedCustom {
  const tags: CustomTag[] = [];
  const problems: string[] = [];
  let at = 0;
  const skipSpace = (): void => {
    while (at < value.length && /\s/.test(value[at]!)) at++;
  };
  const name = (): string | null => {
    NAME.lastIndex = at;
    const m = NAME.exec(value);
    if (m === null) return null;
    at = NAME.lastIndex;
    return m[0];
  };
  /** Skips past the next unescaped `}` (or to the end). */
  const recover = (): void => {
    while (at < value.length && value[at] !== '}') at += value[at] === '\\' ? 2 : 1;
    at = Math.min(at + 1, value.length);
  };

  for (skipSpace(); at < value.length; skipSpace()) {
    const start = at;
    const tagName = name();
    skipSpace();
    if (tagName === null || value[at] !== '{') {
      problems.push(`"${value.slice(start, start + 40)}" is not a tag (a name and attributes in braces).`);
      recover();
      continue;
    }
    at++;
    const attrs: Array<[string, string]> = [];
    let broken = false;
    for (skipSpace(); at < value.length && value[at] !== '}'; skipSpace()) {
      const key = name();
      skipSpace();
      if (key === null || value[at] !== ':') {
        broken = true;
        break;
      }
      at++;
      let raw = '';
      while (at < value.length && value[at] !== ';' && value[at] !== '}') {
        if (value[at] === '\\' && at + 1 < value.length) raw += value[at++];
        raw += value[at++];
      }
      if (value[at] === ';') at++;
      attrs.push([key, unescapeCustomValue(raw.trim())]);
    }
    if (broken || at >= value.length) {
      problems.push(`The tag "${tagName}" is not written as name {key:value; ...}; it was skipped.`);
      recover();
      continue;
    }
    at++; // the closing brace
    tags.push(toTag(tagName, attrs, problems));
  }
  return { tags, problems };
}

function toTag(name: string, attrs: Array<[string, string]>, problems: string[]): CustomTag {
  const tag: CustomTag = { name, offset: null, length: null, continued: false, attrs: [] };
  for (const [key, v] of attrs) {
    if (key === 'offset' || key === 'length') {
      const n = /^\d+$/.test(v) ? Number(v) : NaN;
      if (Number.isSafeInteger(n)) tag[key] = n;
      else problems.push(`The tag "${name}" has ${key} "${v}", which is not a whole number; it was read without one.`);
    } else if (key === 'continued') tag.continued = v === 'true';
    else tag.attrs.push([key, v]);
  }
  return tag;
}

/** The value of attribute `key` of a tag, or null. */
export function tagAttr(attrs: ReadonlyArray<readonly [string, string]>, key: string): string | null {
  return attrs.find(([k]) => k === key)?.[1] ?? null;
}
