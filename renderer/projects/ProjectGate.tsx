/**
 * What the window shows first: the project chooser when no project is open (the browser
 * host started without --project), else the app. When another project is opened, or a
 * backup restored, every window starts again on it.
 */
import { createResource, Match, onCleanup, onMount, Switch, untrack } from 'solid-js';
import type { SiglumClient } from '../../edition/api.ts';
import App from '../components/App.tsx';
import { sentenceOf } from '../stores/notices.ts';
import ProjectChooser from './ProjectChooser.tsx';

export default function ProjectGate(props: { client: SiglumClient }) {
  const client = untrack(() => props.client);
  const [list] = createResource(() => client.listProjects({}));

  onMount(() => {
    const off = client.subscribe((event) => {
      if (event.type !== 'project-changed') return;
      // The open document belonged to the other project.
      history.replaceState(null, '', location.pathname + location.search);
      location.reload();
    });
    onCleanup(off);
  });

  return (
    <Switch>
      <Match when={list.error !== undefined}>
        <p class="chooser-error" role="alert">
          {sentenceOf(list.error)}
        </p>
      </Match>
      <Match when={list()?.current === null}>
        <ProjectChooser client={client} list={list()!} />
      </Match>
      <Match when={list()?.current}>
        <App client={client} />
      </Match>
    </Switch>
  );
}
