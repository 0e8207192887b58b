// The `hyphen` package ships no types: its per-language modules all export this shape.
declare module 'hyphen/*' {
  export function hyphenateSync(text: string, options?: { minWordLength?: number; hyphenChar?: string }): string;
}
