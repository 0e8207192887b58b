/**
 * The ProseMirror editor for one document. This is where Solid meets
 * ProseMirror: an effect opens the document, creates the session (view + collab
 * sync) and subscribes to the Node side's step events; its cleanup closes them.
 * Nothing in here is reactive per keystroke.
 */
import { createEffect, onCleanup } from 'solid-js';
import { EditorSession } from '../editor/session.ts';
import { revealPending } from '../search/reveal.ts';
import { useStores } from '../stores/context.ts';

export default function Editor(props: { documentId: string }) {
  const { client, editor, notices } = useStores();
  const [, editorActions] = editor;
  let place!: HTMLDivElement;

  createEffect(() => {
    const documentId = props.documentId;
    let session: EditorSession | null = null;
    let cancelled = false;

    const unsubscribe = client.subscribe((event) => {
      if (event.type === 'steps' && event.documentId === documentId) session?.sync.remoteVersion(event.version);
      // Also what the event feed says after a dropped connection, when 'steps' events may have been missed.
      else if (event.type === 'documents-changed') session?.sync.catchUp();
    });

    Promise.all([client.openDocument({ id: documentId }), client.projectInfo({})])
      .then(([opened, info]) => {
        if (cancelled) return;
        place.replaceChildren();
        const opening = new EditorSession(place, client, opened, editorActions, { project: info.path });
        session = opening;
        editorActions.attach(opening);
        opening.view.focus();
        // Edits a tab kept when the server restarted, then the steps committed between
        // reading the document and subscribing.
        opening
          .restoreUnsent()
          .catch((error: unknown) => notices[1].show(error, 'Could not restore the edits kept from before'))
          .finally(() => opening.sync.catchUp());
        revealPending(documentId, opening.view);
      })
      .catch((error: unknown) => notices[1].show(error, 'Could not open the document'));

    onCleanup(() => {
      cancelled = true;
      unsubscribe();
      if (session) {
        editorActions.detach(session);
        session.close();
      }
    });
  });

  return <div class="editor-host" ref={place} />;
}
