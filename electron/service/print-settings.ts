/**
 * A project's print settings: their defaults, the check every change goes through
 * (values arrive from a form, over the wire), and the mapping to the print model's
 * `PrintSettings`. A bad value is a SiglumError('bad-input') whose sentence names the
 * setting, the value and what would do; nothing is saved then.
 */
import type { ProjectPrintSettings } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import {
  DEFAULT_FONT_FAMILY,
  FACSIMILE_PRINTS,
  LINE_NUMBER_RESTARTS,
  resolvePrintSettings,
  type PrintSettings,
} from '../../edition/print/model.ts';

export const DEFAULT_PRINT_SETTINGS: ProjectPrintSettings = {
  title: null,
  subtitle: null,
  introduction: null,
  pageSize: 'A4',
  margins: { top: 25, bottom: 22, left: 30, right: 25 },
  fontFamily: DEFAULT_FONT_FAMILY,
  fontSizePt: 11,
  leadingPt: null,
  lineNumberInterval: 5,
  lineNumberSide: 'left',
  lineNumberRestart: 'page',
  mirrorMargins: false,
  apparatusSeries: ['A', 'B'],
  seriesBTypes: ['orthographic'],
  noteTypes: null,
  language: 'en',
  index: true,
  indexLines: false,
  documentStartsPage: true,
  facsimile: 'none',
};

type Key = keyof ProjectPrintSettings;
const KEYS = Object.keys(DEFAULT_PRINT_SETTINGS) as Key[];
const PAGE_SIZES = ['A4', 'A5', 'Letter', 'Royal'];

function bad(message: string): SiglumError {
  return new SiglumError('bad-input', message);
}

/** A value as a sentence quotes it: short, so that a huge input does not make a huge message. */
function show(value: unknown): string {
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function number(value: unknown, what: string, min: number, max: number, unit: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw bad(`${what} must be a number from ${min} to ${max}${unit}, not ${show(value)}.`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, what: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw bad(`${what} must be one of ${allowed.join(', ')}, not ${show(value)}.`);
  }
  return value as T;
}

function bool(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw bad(`${what} must be true or false, not ${show(value)}.`);
  return value;
}

function words(value: unknown, what: string): string[] {
  if (
    !Array.isArray(value) ||
    value.length > 100 ||
    !value.every((v) => typeof v === 'string' && v.trim() !== '' && v.length <= 100)
  ) {
    throw bad(`${what} must be a list of at most 100 names (strings of 1 to 100 characters), not ${show(value)}.`);
  }
  return [...new Set((value as string[]).map((v) => v.trim()))];
}

/** One setting checked; its sentence names it. */
function checkOne(key: Key, value: unknown): ProjectPrintSettings[Key] {
  switch (key) {
    case 'title':
    case 'subtitle':
    case 'introduction':
      if (value === null) return null;
      if (typeof value !== 'string' || value.length > (key === 'introduction' ? 100_000 : 500)) {
        throw bad(
          `The ${key} must be text (at most ${key === 'introduction' ? '100,000' : '500'} characters) or null, not ${show(value).slice(0, 80)}.`,
        );
      }
      return value.trim() === '' ? null : value;
    case 'pageSize':
      if (isObject(value)) {
        return {
          width: number(value['width'], 'The page width', 50, 1000, ' mm'),
          height: number(value['height'], 'The page height', 50, 1000, ' mm'),
        };
      }
      return oneOf(value, 'The page size', PAGE_SIZES) as ProjectPrintSettings['pageSize'];
    case 'margins': {
      if (!isObject(value))
        throw bad(`The margins must be {top, bottom, left, right} in millimetres, not ${show(value)}.`);
      const m = { ...DEFAULT_PRINT_SETTINGS.margins };
      for (const [side, v] of Object.entries(value)) {
        if (!Object.hasOwn(m, side))
          throw bad(`The margins are top, bottom, left and right; "${side}" is not one of them.`);
        m[side as keyof typeof m] = number(v, `The ${side} margin`, 0, 200, ' mm');
      }
      return m;
    }
    case 'fontFamily':
      if (typeof value !== 'string' || value.trim() === '' || value.length > 200 || /[;{}<>]/.test(value)) {
        throw bad(
          `The font must be a CSS font family such as 'Gentium Book Plus', serif (no ; { } < >), not ${show(value)}.`,
        );
      }
      return value.trim();
    case 'fontSizePt':
      return number(value, 'The font size', 6, 24, ' pt');
    case 'leadingPt':
      return value === null ? null : number(value, 'The leading', 6, 48, ' pt');
    case 'lineNumberInterval':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100) {
        throw bad(`The line-number interval must be a whole number from 1 to 100, not ${show(value)}.`);
      }
      return value;
    case 'lineNumberSide':
      return oneOf(value, 'The line-number margin', ['left', 'right', 'outer', 'inner'] as const);
    case 'lineNumberRestart':
      return oneOf(value, 'Line numbering restarts per', LINE_NUMBER_RESTARTS);
    case 'apparatusSeries': {
      if (!Array.isArray(value) || value.length === 0) {
        throw bad(`The apparatus series to print must be a list of A and/or B, not ${show(value)}.`);
      }
      const series = value.map((v) => oneOf(v, 'An apparatus series', ['A', 'B'] as const));
      return [...new Set(series)].sort();
    }
    case 'seriesBTypes':
      return words(value, 'The entry types set in series B');
    case 'noteTypes':
      return value === null ? null : words(value, 'The note types that print (null for all)');
    case 'language':
      if (typeof value !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(value)) {
        throw bad(`The language must be a BCP 47 tag such as en, de, la or grc, not ${show(value)}.`);
      }
      return value;
    case 'facsimile':
      return oneOf(value, 'Page images in the PDF', FACSIMILE_PRINTS);
    case 'mirrorMargins':
    case 'index':
    case 'indexLines':
    case 'documentStartsPage':
      return bool(value, `"${key}"`);
  }
}

/** The print model's settings for these project settings. */
export function toPrintSettings(s: ProjectPrintSettings): PrintSettings {
  return {
    pageSize: s.pageSize,
    margins: s.margins,
    fontFamily: s.fontFamily,
    fontSizePt: s.fontSizePt,
    ...(s.leadingPt === null ? {} : { leadingPt: s.leadingPt }),
    lineNumberInterval: s.lineNumberInterval,
    lineNumberSide: s.lineNumberSide,
    lineNumberRestart: s.lineNumberRestart,
    mirrorMargins: s.mirrorMargins,
    noteTypes: s.noteTypes,
    language: s.language,
    index: s.index,
    indexLines: s.indexLines,
    documentStartsPage: s.documentStartsPage,
    facsimile: s.facsimile,
  };
}

/**
 * `base` with `changes` applied, every changed field checked and the whole checked
 * together (the margins must leave a text block, the leading must not be less than
 * the font size). Unknown fields are refused, so a typo is not silently ignored.
 */
export function applyPrintSettings(base: ProjectPrintSettings, changes: unknown): ProjectPrintSettings {
  if (!isObject(changes))
    throw bad(`updatePrintSettings needs "settings" as an object of the settings to change, not ${show(changes)}.`);
  const next: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    if (!KEYS.includes(key as Key)) throw bad(`"${key}" is not a print setting; the settings are ${KEYS.join(', ')}.`);
    next[key] = checkOne(key as Key, value);
  }
  const settings = next as unknown as ProjectPrintSettings;
  resolvePrintSettings(toPrintSettings(settings));
  return settings;
}

/**
 * Settings read back from the store: each stored field that still checks is kept,
 * the rest take their defaults (a value stored by another version of Siglum, say).
 */
export function storedPrintSettings(stored: unknown): ProjectPrintSettings {
  if (!isObject(stored)) return DEFAULT_PRINT_SETTINGS;
  const next: Record<string, unknown> = { ...DEFAULT_PRINT_SETTINGS };
  for (const key of KEYS) {
    if (!Object.hasOwn(stored, key)) continue;
    try {
      next[key] = checkOne(key, stored[key]);
    } catch {
      // keeps the default
    }
  }
  const settings = next as unknown as ProjectPrintSettings;
  try {
    resolvePrintSettings(toPrintSettings(settings));
    return settings;
  } catch {
    return DEFAULT_PRINT_SETTINGS;
  }
}
