/** The command line's help text and its usage errors. */

/** Each command's synopsis and description, in the order the general help lists them. */
export const COMMAND_HELP = {
  import: `import FILE... [--project P] [--json] [--update | --replace | --as-new]
      Import TEI (.xml) or plain-text files into the project, all in one transaction.
      With --json, print {"documents":[{"id","title","collectionId"}],"updated":[...]}
      (the fields of list --json). A TEI file whose volume is already in the project
      (same header idno, else same file name, or the same text) is refused unless you
      say what to do: --update keeps your edits where the file did not change them and
      takes the file's text elsewhere (documents changed on both sides are warnings),
      --replace gives every document the file's text, --as-new adds a second volume.
      Page images and their transcriptions too: a METS file (with the images and PAGE
      or ALTO files it names), a PAGE or ALTO file (its image found beside it or in the
      folder above), images (TIFF, JPEG, PNG, WebP: one document, a page each), or a
      IIIF manifest (a .json file or its https address; its images are fetched). Each
      makes one document whose pages and lines point at their zones; what could not be
      read (a missing image) is a warning on stderr. A TEI file's <facsimile> brings the
      images its <graphic url>s name (relative to its folder, ../ too), found there
      or given with it.`,
  list: `list [--project P] [--json]
      List the project's collections and documents.`,
  export: `export DOC_ID | --collection ID | --all  --out PATH [--format tei|pdf|html|latex]
         [--at VERSION|TIME] [--project P]
      Write one document, one collection or the whole project to PATH: TEI (the
      default), a typeset PDF, a static HTML edition (PATH is a folder) or a
      reledmac LaTeX file, with the project's print settings. PATH is a file, or an
      existing folder to write the suggested file name into. PDF, HTML and LaTeX
      print a summary line; every note or apparatus entry that is not on the page of
      its call or lemma is a warning on stderr, and the exit status is then 3. TEI
      prints the path and how many pointers (#id in @corresp, @target, @ref...) it
      checked; each one naming an id absent from the file is a warning, exit status 3.
      Document and collection ids are in \`siglum list\`.`,
  validate: `validate FILE [--schema tei_all|frus]
      Check a TEI file against TEI P5 (tei_all, the default) or the FRUS schema.
      Exit 0 when valid, 1 with the problems listed (FILE:LINE:COLUMN: message).`,
  entities: `entities [--type T] [--project P] [--json]
      List the project register, each entry with its number of mentions. With --json,
      print [{"id","type","name","authority":{...},"mentions":N}].`,
  mentions: `mentions ENTITY_ID [--project P] [--json]
      List every mention of one register entry (ids are in \`siglum entities\`). With
      --json, print [{"document","page","text","context"}].`,
  collate: `collate FILE... [--format table|json|tei] [--near-match]
  collate --document ID [--project P] [--format table|json|tei] [--near-match]
      Collate the files (each a witness, its siglum the file name without extension;
      TEI files give their running text; plain text is read as import reads it, so
      [Page 69], note callouts and the notes list are not words), or a document with
      its witnesses, and print the parallel segmentation as a table (wrapped to the
      terminal's width, or 100 columns when the output is not a terminal), the
      alignment table as CollateX JSON, or CollateX TEI. --near-match sets a word left
      unmatched beside the most similar reading in its gap.`,
  search: `search QUERY [--regex] [--in text|notes|apparatus|names|titles|meta] [--project P]
         [--json] [--limit N]
      Search the whole project: words (diacritics and case folded), "a phrase",
      prefix*, or with --regex a JavaScript regular expression. --in (repeatable, or
      comma separated) keeps to those parts. Prints each passage with its document;
      with --json, {"total":N,"hits":[{"document","title","field","context"}]}.`,
  history: `history DOC_ID [--project P] [--json]
      List a document's versions: as created, then one per editing session. With
      --json, print {"versions":[{"version","at","steps"}],"named":[...]}.
      \`export DOC_ID --at VERSION|TIME --format tei --out F\` exports it as it was then.`,
  backup: `backup [--project P] --out FILE
      Write a verified, consistent copy of the project (it may be open in the app).`,
  restore: `restore BACKUP --to P
      Replace project P with a backup (P's current state is kept in its backups
      folder first). Refused while P is open in Siglum.`,
  serve: `serve [--project P] [--port N] [--exports DIR]
      Serve the app to a browser on this machine (127.0.0.1 only) and print the
      address to open, which carries a one-time access token. Without --project (and
      $SIGLUM_PROJECT) the browser shows a chooser of recent projects and the default.
      Editions are exported only into DIR (an absolute path; default: exports/ beside
      the project).`,
  git: `git init [--remote URL] [--work-tree DIR] [--ci github|gitlab] | clone URL [--work-tree DIR]
      | status [--json] | commit -m MSG [--name N --email E] | pull [--json] | push  [--project P]
      The project in a Git repository: one TEI file per document in its volume's
      folder, the register, witnesses and print settings as JSON, in a working tree
      beside the project (NAME.git-work) unless --work-tree says. init links the
      project to a new repository (--ci writes a workflow that publishes the HTML
      edition on each push); clone fills a new project (--project) from one; commit
      writes the project into it and commits (name and e-mail from --name/--email or
      GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL); pull merges the remote's changes document by
      document (--json: {"changed","merged","added","removed","conflicts",...}); push
      sends your commits. A remote is an https:// URL (credentials from
      SIGLUM_GIT_USERNAME and SIGLUM_GIT_PASSWORD) or a folder on this machine.`,
} as const;

const OPTIONS_HELP = `Options:
  --project P   The project file (*.siglum). Default: $SIGLUM_PROJECT, else the
                per-user project (created with a sample despatch on first use).
  -h, --help    Show this help.`;

export const USAGE = `Usage: siglum <command> [options]

Commands:
${Object.values(COMMAND_HELP)
  .map((h) => `  ${h}`)
  .join('\n')}

${OPTIONS_HELP}

\`siglum help COMMAND\` (or \`siglum COMMAND --help\`) shows one command's help.

Exit status: 0 on success, 1 when the command failed (or the file is not valid),
2 for a mistake in the command line, 3 when an export was written but some note or
apparatus entry is not where it belongs, or some pointer names an id absent from the
file (see the warnings). Errors are one line on stderr.`;

/** One command's help: its synopsis, what it does, and the common options. */
export function commandHelp(name: keyof typeof COMMAND_HELP): string {
  return `Usage: siglum ${COMMAND_HELP[name]}\n\n${OPTIONS_HELP}`;
}

/** A mistake in the command line itself: reported with a pointer to --help, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
