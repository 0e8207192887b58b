/**
 * Reading a volume's documents while the rest of its file is still being parsed.
 *
 * A FRUS volume holds hundreds of documents. Read after the whole file was parsed, every
 * document's XML stays alive until the end, and the collector copies all of it from the
 * young generation to the old one; read as each document's `</div>` is parsed, its XML is
 * let go at once, and the tree left is the frame. The documents are the same either way:
 * what a document's reading needs from the rest of the file is known when it ends (its
 * ancestors' `xml:space`, whether the file has a `<facsimile>`), except the register, whose
 * lists may come later. So the register's xml:ids are read from the file as it stands at
 * the first document and every look-up is noted: a document that looked for an entry not
 * there yet keeps its XML, and `take` leaves it to be read again if the whole register has
 * that entry; `holds` says whether the rest stands (else the caller reads the file again
 * the ordinary way).
 */
import type { DocumentMeta } from '../types.ts';
import type { XmlElement } from '../xml/tree.ts';
import { childElements, getAttr } from '../xml/tree.ts';
import { facsPointersOf } from '../facsimile/tei.ts';
import { isContainerDocumentDiv, isMatterDiv, reservedPi } from './containers.ts';
import { contentBytes } from './docText.ts';
import { divMeta } from './meta.ts';
import { isTei, readSpace } from './names.ts';
import { readRegister } from './register.ts';
import { containerToDoc } from './toDoc.ts';
import { holdsFrusList } from '../entities/frusLists.ts';

/** A document read ahead: what import.ts would have read from its div. */
export interface AheadDocument {
  /** Its title is '' where its div has none (the caller names it by its place). */
  meta: DocumentMeta;
  /** Its content, as the UTF-8 JSON text of the ProseMirror document. */
  bytes: Uint8Array;
  /** The facsimile ids its content points at, or null when the file had no `<facsimile>` before it. */
  pointers: Set<string> | null;
  /** The xml:ids its content looked up in the register and did not find there. */
  missed: ReadonlySet<string>;
}

/** The register's xml:ids, noting every look-up and its answer (what was missed, document by document). */
class NotedIds extends Set<string> {
  readonly found = new Set<string>();
  missed = new Set<string>();

  override has(id: string): boolean {
    const yes = super.has(id);
    (yes ? this.found : this.missed).add(id);
    return yes;
  }
}

/**
 * The parser's `onElementEnd` for a TEI file, reading its document divs, and the divs of
 * its front and back matter that are documents, as they end.
 */
export class DocumentsAhead {
  private readonly read = new Map<XmlElement, AheadDocument>();
  /** Undefined until the first document; null when the import reads no register. */
  private ids: NotedIds | null | undefined;
  private facsimile = false;
  private off = false;

  constructor(
    private readonly fileName: string,
    private readonly register: boolean,
  ) {}

  readonly onElementEnd = (el: XmlElement, ancestors: readonly XmlElement[]): void => {
    const root = ancestors[0];
    if (this.off || root === undefined || !isTei(root, 'TEI')) return;
    if (!isContainerDocumentDiv(el, ancestors) && !isMatterDiv(el, ancestors)) return;
    // Left for the whole file's check, which refuses it.
    if (reservedPi(el)) return;
    if (this.ids === undefined) {
      this.facsimile = childElements(root).some((c) => isTei(c, 'facsimile'));
      try {
        this.ids = this.register ? new NotedIds(readRegister(root, this.fileName, true).map((e) => e.entity.id)) : null;
      } catch {
        // A register that cannot be read is refused when the whole file is read.
        this.off = true;
        return;
      }
    }
    let preserved = false;
    for (const a of ancestors) {
      const space = getAttr(a, 'xml:space');
      if (space === 'preserve') preserved = true;
      else if (space === 'default') preserved = false;
    }
    const missed = new Set<string>();
    if (this.ids) this.ids.missed = missed;
    try {
      readSpace(el, preserved);
      const meta = divMeta(el, '');
      const node = containerToDoc(el, this.ids);
      const pointers = this.facsimile ? facsPointersOf(node) : null;
      this.read.set(el, { meta, bytes: contentBytes(node), pointers, missed });
    } catch {
      // Read again, and refused, in its turn with the whole file.
      return;
    }
    // Its XML is let go, unless the whole file's reading may need it: to read it again if
    // the register, once whole, has an entry it looked for, or for the register's lists.
    if (missed.size === 0 && !holdsFrusList(el)) el.children.length = 0;
  };

  /**
   * The document read ahead from this div, unless `ids`, the whole file's register
   * (null for none), has an entry it looked for and did not find (its div kept its XML,
   * to be read again).
   */
  take(el: XmlElement, ids: ReadonlySet<string> | null): AheadDocument | undefined {
    const read = this.read.get(el);
    if (read === undefined || ids === null) return read;
    for (const id of read.missed) if (ids.has(id)) return undefined;
    return read;
  }

  /**
   * True when what was read ahead, and not read again (`take`), is what reading the
   * whole file reads: every entry found in the register is in `ids`, the whole file's
   * (null for none), and the file had its `<facsimile>` before the documents if it has
   * surfaces at all.
   */
  holds(ids: ReadonlySet<string> | null, surfaces: boolean): boolean {
    if (this.read.size === 0) return true;
    if (surfaces && !this.facsimile) return false;
    const noted = this.ids ?? null;
    if (noted === null || ids === null) return noted === ids;
    for (const id of noted.found) if (!ids.has(id)) return false;
    return true;
  }
}
