/**
 * RELAX NG validation of TEI for `siglum validate` and for tests.
 *
 * Two validators. jing (the reference RELAX NG validator, Java; Debian package
 * `jing`) is used whenever it is installed: it reads both tei_all.rng and the
 * FRUS schema (RELAX NG compact syntax) and takes 0.6-2 s a file here.
 * xmllint-wasm (libxml2 compiled to WebAssembly: in process, no network, no
 * file access) does compile tei_all.rng and gives the same verdicts, but
 * compiling that 1.1 MB schema costs 12-27 s on every call on this machine, so
 * it is the fallback for tei_all when jing is missing. It cannot read compact
 * syntax, so the FRUS schema always needs jing.
 *
 * The schemas are read from $SIGLUM_SCHEMA_DIR, else from ../shared/schema
 * beside the repository (tei_all.rng, frus/frus.rnc).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParseError, SiglumError } from '../edition/errors.ts';
import { checkXmlPolicy } from '../edition/xml/policy.ts';
import { builtFiles } from './built.ts';

/** The schemas Siglum validates against. */
export type TeiSchema = 'tei_all' | 'frus';

/** One validation message, located in the validated text (1-based; 0 when the validator gives no place). */
export interface ValidationMessage {
  line: number;
  column: number;
  message: string;
}

/** What validateTei found, and which validator found it. */
export interface ValidationResult {
  valid: boolean;
  messages: ValidationMessage[];
  validator: 'xmllint' | 'jing';
}

/** Options of validateTei. */
export interface ValidateOptions {
  schema?: TeiSchema;
  /** Named in messages. */
  fileName?: string;
  /** 'auto' (default): jing when installed, else xmllint-wasm (tei_all only). */
  validator?: 'auto' | 'xmllint' | 'jing';
}

// This file is electron/validate.ts in the sources and part of dist/cli/siglum.mjs when built.
const root = fileURLToPath(new URL(builtFiles !== null ? '../../' : '../', import.meta.url));

/** The folder the schemas are read from. */
export function schemaDir(): string {
  return process.env['SIGLUM_SCHEMA_DIR'] ?? resolve(root, '../shared/schema');
}

function schemaPath(schema: TeiSchema): string {
  const path = join(schemaDir(), schema === 'tei_all' ? 'tei_all.rng' : 'frus/frus.rnc');
  if (!existsSync(path)) {
    throw new SiglumError(
      'not-found',
      `The ${schema} schema is not at ${path}: set SIGLUM_SCHEMA_DIR to the folder holding tei_all.rng and frus/frus.rnc.`,
    );
  }
  return path;
}

let teiAllText: string | null = null;

async function withXmllint(xml: string, fileName: string): Promise<ValidationResult | null> {
  const { validateXML } = await import('xmllint-wasm');
  teiAllText ??= readFileSync(schemaPath('tei_all'), 'utf8');
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [{ fileName: 'tei_all.rng', contents: teiAllText }],
    extension: 'relaxng',
    maxMemoryPages: 16384,
  });
  // libxml2 reports a schema it cannot compile as a failure with no located errors.
  if (!result.valid && /fails to compile|failed to compile|Relax-NG schema .* failed/i.test(result.rawOutput))
    return null;
  const messages = result.errors.map((e) => ({
    line: e.loc?.lineNumber ?? 0,
    column: 0,
    message: e.message.replace(/\s+/g, ' ').trim(),
  }));
  return { valid: result.valid, messages, validator: 'xmllint' };
}

function jingAvailable(): boolean {
  return (
    ['/usr/bin/jing', '/usr/local/bin/jing'].some((p) => existsSync(p)) ||
    (process.env['PATH'] ?? '').split(':').some((d) => d !== '' && existsSync(join(d, 'jing')))
  );
}

async function withJing(xml: string, schema: TeiSchema, fileName: string): Promise<ValidationResult> {
  if (!jingAvailable()) {
    throw new SiglumError(
      'not-found',
      `Validating against ${schema === 'frus' ? 'the FRUS schema (RELAX NG compact syntax)' : schema} needs jing: install it (Debian: apt-get install jing) and try again.`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'siglum-validate-'));
  const file = join(dir, fileName.replace(/[^\w.-]/g, '_') || 'document.xml');
  try {
    writeFileSync(file, xml);
    const path = schemaPath(schema);
    const args = path.endsWith('.rnc') ? ['-c', path, file] : [path, file];
    const stdout = await new Promise<string>((done, fail) => {
      execFile('jing', args, { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (err, out) => {
        // jing exits 1 when the document is invalid; only a missing process or a timeout is a failure.
        if (err && (err.killed || typeof err.code !== 'number'))
          fail(new SiglumError('internal', `jing failed: ${err.message.split('\n')[0]}`));
        else done(out);
      });
    });
    const messages: ValidationMessage[] = [];
    for (const line of stdout.split('\n')) {
      const m = /^.*?:(\d+):(\d+): (?:error|fatal): (.*)$/.exec(line);
      if (m) messages.push({ line: Number(m[1]), column: Number(m[2]), message: m[3]! });
    }
    return { valid: messages.length === 0, messages, validator: 'jing' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The FRUS customisation's namespace (current volumes; the 2014 one is not in the FRUS schema). */
const FRUS_NS = 'http://history.state.gov/frus/ns/1.0';

/**
 * The schema a TEI text should be validated against: 'frus' when it declares the
 * current FRUS namespace and uses it on an element or attribute, else 'tei_all'.
 */
export function suggestedSchema(xml: string): TeiSchema {
  const decl = new RegExp(`xmlns:([\\w.-]+)="${FRUS_NS.replace(/[./]/g, '\\$&')}"`).exec(xml);
  if (!decl) return 'tei_all';
  const prefix = decl[1]!;
  return new RegExp(`<${prefix}:|\\s${prefix}:[\\w.-]+\\s*=`).test(xml) ? 'frus' : 'tei_all';
}

/**
 * The import's XML policy (edition/xml/policy.ts), applied before jing or libxml2 sees
 * the text: they would expand entities and fetch external DTDs. Throws a ParseError
 * that says what to do.
 */
function refuseHostileXml(xml: string, fileName: string): void {
  try {
    checkXmlPolicy(xml, fileName);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    const doctype = /DOCTYPE/.test(e.message);
    const advice = doctype
      ? 'Remove the DOCTYPE (TEI needs none) and validate again.'
      : 'It is not well-formed XML before its root element, so it was not validated.';
    const bare = e.message.slice(`${fileName}:${e.line}:${e.column}: `.length);
    throw new ParseError(`${bare.replace(/\.?$/, '.')} ${advice}`, e.line, e.column, fileName);
  }
}

/**
 * Validates TEI text against tei_all (default) or the FRUS schema. `options`
 * may be just the schema name.
 *
 * @throws SiglumError ('not-found') when the schema, or jing where it is needed, is missing.
 */
export async function validateTei(xml: string, options: TeiSchema | ValidateOptions = {}): Promise<ValidationResult> {
  const opts: ValidateOptions = typeof options === 'string' ? { schema: options } : options;
  const schema = opts.schema ?? 'tei_all';
  const fileName = opts.fileName ?? 'document.xml';
  const validator = opts.validator ?? 'auto';
  refuseHostileXml(xml, fileName);
  if (schema === 'tei_all' && (validator === 'xmllint' || (validator === 'auto' && !jingAvailable()))) {
    const result = await withXmllint(xml, fileName);
    if (result) return result;
    if (validator === 'xmllint')
      throw new SiglumError('internal', 'libxml2 could not compile tei_all.rng; validate with jing instead.');
  }
  if (validator === 'xmllint')
    throw new SiglumError(
      'bad-input',
      'xmllint cannot read the FRUS schema (RELAX NG compact syntax); validate with jing.',
    );
  return withJing(xml, schema, fileName);
}
