/**
 * The register a TEI file brings (see `TeiImportOptions.register` in import.ts): a FRUS
 * volume's persons and terms lists, which stay in the frame, and the lists of its
 * `standOff`s, which leave it (export writes them from the register).
 */
import type { Entity } from '../entities/model.ts';
import { registerFromFrusLists } from '../entities/frusLists.ts';
import { registerFromStandOff } from '../entities/standoff.ts';
import { SiglumError } from '../errors.ts';
import type { XmlElement } from '../xml/tree.ts';
import { TEI_NS, childElements, removeChild } from '../xml/tree.ts';

/** An entry of the register a volume brings. */
export interface TeiRegisterEntry {
  /** The entry, with `id` and `xmlId` both its xml:id. */
  entity: Entity;
  /**
   * True when the frame keeps the entry's definition (a FRUS persons or terms list),
   * false when it came from a `standOff`, which the frame no longer holds: export
   * writes those from the register.
   */
  definedInFrame: boolean;
}

function isStandOff(el: XmlElement): boolean {
  return el.uri === TEI_NS && el.name === 'standOff';
}

/** The register lists `registerFromStandOff` reads. */
function isRegisterList(el: XmlElement): boolean {
  return el.uri === TEI_NS && ['listPerson', 'listPlace', 'listOrg', 'list'].includes(el.name);
}

/**
 * The register the volume defines: FRUS lists first, then each `standOff`'s lists,
 * which leave the frame (an emptied standOff with them) unless `keep`. An xml:id
 * defined twice keeps its first entry.
 */
export function readRegister(tei: XmlElement, fileName: string, keep = false): TeiRegisterEntry[] {
  const entries: TeiRegisterEntry[] = registerFromFrusLists(tei).map((entity) => ({ entity, definedInFrame: true }));
  entries.push(...readStandOffs(tei, fileName, keep));
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.entity.id) && seen.add(e.entity.id));
}

/**
 * The entries of the `standOff` children of `parent` (a TEI or a teiCorpus), which
 * leave the tree unless `keep`.
 */
export function readStandOffs(parent: XmlElement, fileName: string, keep = false): TeiRegisterEntry[] {
  const entries: TeiRegisterEntry[] = [];
  for (const standOff of childElements(parent).filter(isStandOff)) {
    const lists = childElements(standOff).filter(isRegisterList);
    const holder: XmlElement = { ...standOff, children: lists };
    let read: Entity[];
    try {
      read = registerFromStandOff(holder);
    } catch (e) {
      if (e instanceof SiglumError) throw new SiglumError(e.code, `${fileName}: ${e.message}`);
      throw e;
    }
    entries.push(...read.map((entity) => ({ entity, definedInFrame: false })));
    if (keep) continue;
    for (const list of lists) removeChild(standOff, list);
    if (childElements(standOff).length === 0) removeChild(parent, standOff);
  }
  return entries;
}
