/** The command line's help text and its usage errors. */

export const USAGE = `Usage: siglum <command> [options]

Commands:
  import FILE... [--project P] [--json]
      Import TEI (.xml) or plain-text files into the project, all in one transaction.
      With --json, print {"documents":[{"id","title","collection"}]}.
  list [--project P] [--json]
      List the project's collections and documents.
  export DOC_ID | --collection ID | --all  --out PATH [--format tei|pdf|html|latex]
         [--project P]
      Write one document, one collection or the whole project to PATH: TEI (the
      default), a typeset PDF, a static HTML edition (PATH is a folder) or a
      reledmac LaTeX file, with the project's print settings. PATH is a file, or an
      existing folder to write the suggested file name into. PDF, HTML and LaTeX
      print a summary line; every note or apparatus entry that is not on the page of
      its call or lemma is a warning on stderr, and the exit status is then 3.
  validate FILE [--schema tei_all|frus]
      Check a TEI file against TEI P5 (tei_all, the default) or the FRUS schema.
      Exit 0 when valid, 1 with the problems listed (FILE:LINE:COLUMN: message).
  entities [--type T] [--project P] [--json]
      List the project register, each entry with its number of mentions. With --json,
      print [{"id","type","name","authority":{...},"mentions":N}].
  mentions ENTITY_ID [--project P] [--json]
      List every mention of one register entry. With --json, print
      [{"document","page","text","context"}].
  collate FILE... [--format table|json|tei]
  collate --document ID [--project P] [--format table|json|tei]
      Collate the files (each a witness, its siglum the file name without extension;
      TEI files give their running text), or a document with its witnesses, and print
      the parallel segmentation as a table, the alignment table as CollateX JSON, or
      CollateX TEI.
  history DOC_ID [--project P] [--json]
      List a document's versions: as created, then one per editing session. With
      --json, print {"versions":[{"version","at","steps"}],"named":[...]}.
      \`export DOC_ID --at VERSION|TIME --format tei --out F\` exports it as it was then.
  backup [--project P] --out FILE
      Write a verified, consistent copy of the project (it may be open in the app).
  restore BACKUP --to P
      Replace project P with a backup (P's current state is kept in its backups
      folder first). Refused while P is open in Siglum.
  serve [--project P] [--port N]
      Serve the app to a browser on this machine (127.0.0.1 only) and print the
      address to open, which carries a one-time access token. Without --project (and
      $SIGLUM_PROJECT) the browser shows a chooser of recent projects and the default.

Options:
  --project P   The project file (*.siglum). Default: $SIGLUM_PROJECT, else the
                per-user project (created with a sample despatch on first use).
  -h, --help    Show this help.

Exit status: 0 on success, 1 when the command failed (or the file is not valid),
2 for a mistake in the command line, 3 when an export was written but some note or
apparatus entry is not where it belongs (see the warnings). Errors are one line on stderr.`;

/** A mistake in the command line itself: reported with a pointer to --help, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
