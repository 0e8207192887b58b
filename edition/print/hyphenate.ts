/**
 * Soft hyphens for the text's language. Chromium ignores `hyphens: auto` in Debian's
 * build and in Electron on Linux and Windows, so the words are hyphenated here with
 * the `hyphen` package's TeX patterns and Chromium breaks at the soft hyphens.
 */
import { ownValue } from '../own.ts';

export type Hyphenate = (text: string) => string;

type HyphenModule = {
  hyphenateSync: (text: string, options?: { minWordLength?: number }) => string;
};

// One loader per language we ship patterns for; keyed by BCP 47 tag (lower case). The file,
// not the folder: Node's own ESM loader (the built command line) does not import folders.
const LOADERS: Record<string, () => Promise<HyphenModule>> = {
  en: () => import('hyphen/en-us/index.js'),
  'en-us': () => import('hyphen/en-us/index.js'),
  'en-gb': () => import('hyphen/en-gb/index.js'),
  de: () => import('hyphen/de-1996/index.js'),
  fr: () => import('hyphen/fr/index.js'),
  it: () => import('hyphen/it/index.js'),
  es: () => import('hyphen/es/index.js'),
  pt: () => import('hyphen/pt/index.js'),
  nl: () => import('hyphen/nl/index.js'),
  la: () => import('hyphen/la/index.js'),
  grc: () => import('hyphen/grc/index.js'),
  el: () => import('hyphen/el-monoton/index.js'),
  ru: () => import('hyphen/ru/index.js'),
  pl: () => import('hyphen/pl/index.js'),
};

/** The language tags hyphenation knows. */
export const HYPHENATION_LANGUAGES: readonly string[] = Object.keys(LOADERS);

function unwrap(m: HyphenModule | { default: HyphenModule }): HyphenModule {
  return 'hyphenateSync' in m ? m : m.default;
}

/**
 * A function that inserts soft hyphens (U+00AD) into words of 5 letters or more.
 * Unknown languages (Hebrew, Arabic...) get the identity: they are not hyphenated.
 */
export async function loadHyphenator(language: string): Promise<Hyphenate> {
  const tag = language.toLowerCase();
  const load = ownValue(LOADERS, tag) ?? ownValue(LOADERS, tag.split('-')[0] ?? '');
  if (!load) return (text) => text;
  const mod = unwrap(await load());
  return (text) => mod.hyphenateSync(text, { minWordLength: 5 });
}
