/**
 * The ProseMirror editor for one document. This is where Solid meets
 * ProseMirror: an effect opens the document, creates the session (view + collab
 * sync) and subscribes to the Node side's step events; its cleanup closes them.
 * Nothing in here is reactive per keystroke.
 */
import { createEffect, onCleanup } from 'solid-js';
import { EditorSession } from '../editor/session.ts';
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

    client
      .openDocument({ id: documentId })
      .then((opened) => {
        if (cancelled) return;
        place.replaceChildren();
        session = new EditorSession(place, client, opened, editorActions);
        editorActions.attach(session);
        // Steps committed between reading the document and subscribing.
        session.sync.catchUp();
        session.view.focus();
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
