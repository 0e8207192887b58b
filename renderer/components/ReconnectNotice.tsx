/**
 * What the window says when its server was restarted (`siglum serve` stopped and
 * started again, with a new access token): this tab can no longer save, its edits are
 * kept in the browser, and the address the server printed opens a tab that sends
 * them; pasted here (HandOverForm), this tab goes there and takes the edits along.
 * A server restarted on another port is another address: this tab only finds it
 * unreachable, so while offline it offers the same. In the tab at the new address,
 * it says how many kept edits were restored.
 */
import { Match, Switch } from 'solid-js';
import { useStores } from '../stores/context.ts';
import HandOverForm from './HandOverForm.tsx';

export default function ReconnectNotice() {
  const [editor] = useStores().editor;
  return (
    <Switch>
      <Match when={editor.open && editor.status === 'refused'}>
        <div class="reconnect-notice" role="alert">
          <strong>Siglum's server was restarted, so this tab can no longer save.</strong> Your unsaved edits are kept in
          this browser: open the new address that <code>siglum serve</code> printed (it carries a new access token) and
          open this document there to save them.
          <HandOverForm label="Or paste the new address here to continue in this tab:" />
        </div>
      </Match>
      <Match when={editor.open && editor.status === 'offline'}>
        <div class="reconnect-notice" role="alert">
          <strong>Siglum cannot reach its server, so what you type is not saved yet.</strong> It is kept in this tab and
          sent as soon as the server answers.
          <HandOverForm label="If siglum serve was restarted, paste the new address it printed to continue there with your edits:" />
        </div>
      </Match>
      <Match when={editor.open && editor.restored > 0}>
        <div class="reconnect-notice restored" role="status">
          {editor.restored === 1 ? 'One edit' : `${editor.restored} edits`} typed before the server restarted{' '}
          {editor.restored === 1 ? 'was' : 'were'} restored into this document
          {editor.restoredDropped > 0
            ? `; ${editor.restoredDropped} no longer had a place in the text and could not be applied.`
            : '.'}
        </div>
      </Match>
    </Switch>
  );
}
